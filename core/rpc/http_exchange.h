// One HTTP exchange's steps, shared by the socket path (http_connection.cpp) and answerRawRequest: parser
// limits, the answer to what does not parse, the header screen, the handler call.
#pragma once

#include <optional>

#include "rpc/http_server.h"

namespace shoal::rpc {

using RequestParser = http::request_parser<http::string_body>;

void applyLimits(RequestParser& parser, const HttpLimits& limits);

// Malformed or oversized (400/413): the one answer before the connection is dropped (its stream is out
// of sync).
HttpResponse parseFailure(boost::beast::error_code ec);

// The screen's refusal of a request whose headers are parsed. A body the client may still send is never
// read: the refusal then says Connection: close.
std::optional<HttpResponse> screenHeader(const HeaderScreen& screen, const RequestParser& parser,
                                         const RequestContext& client);

// The handler's response, or 500 if it threw; payload prepared.
HttpResponse callHandler(const HttpHandler& handler, const HttpRequest& request,
                         const RequestContext& client);

}  // namespace shoal::rpc
