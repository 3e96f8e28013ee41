// The OpenAPI 3 description of every route, served at /openapi.json.
#pragma once

#include <string>

namespace briefing {

const std::string& openapi_document();

}  // namespace briefing
