// Webhook POSTs: one connection per delivery ("Connection: close"), the answer's body read and
// dropped so the receiver is not cut off mid-write.
#include "webhook_client.h"

#include <civetweb.h>

namespace briefing::watch {

WebhookAnswer post_json(const Webhook& hook, const std::string& body, int timeout_ms) {
  char error[256] = "";
  mg_connection* conn = mg_connect_client(hook.host.c_str(), hook.port, 0, error, sizeof error);
  if (!conn) return {0, std::string("cannot connect to ") + hook.host + ": " + error};
  mg_printf(conn,
            "POST %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json\r\n"
            "Content-Length: %zu\r\nUser-Agent: briefing-searchd\r\nConnection: close\r\n\r\n",
            hook.path.c_str(), hook.host.c_str(), hook.port, body.size());
  WebhookAnswer answer;
  if (mg_write(conn, body.data(), body.size()) != static_cast<int>(body.size())) {
    answer.error = "cannot send the body to " + hook.url;
  } else if (mg_get_response(conn, error, sizeof error, timeout_ms) < 0) {
    answer.error = std::string("no answer from ") + hook.url + ": " + error;
  } else {
    answer.status = mg_get_response_info(conn)->status_code;
    if (!answer.ok()) answer.error = hook.url + " answered " + std::to_string(answer.status);
  }
  mg_close_connection(conn);
  return answer;
}

}  // namespace briefing::watch
