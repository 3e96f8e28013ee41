// POSTs a JSON body to a webhook over plain HTTP with CivetWeb's client, bounded in time.
#pragma once

#include <string>

#include "watch_file.h"

namespace briefing::watch {

struct WebhookAnswer {
  int status = 0;     // the HTTP status, 0 when none came
  std::string error;  // why it failed (connection, timeout, non-2xx), empty on a 2xx
  bool ok() const { return status >= 200 && status < 300; }
};

// `timeout_ms` bounds the wait for the answer; connecting is bounded by CivetWeb itself.
WebhookAnswer post_json(const Webhook& hook, const std::string& body, int timeout_ms);

}  // namespace briefing::watch
