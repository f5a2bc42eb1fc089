// The steps of one HTTP exchange (see http_exchange.h), makeResponse, and the whole exchange on raw bytes
// (answerRawRequest) for fuzzing and tests.
#include "rpc/http_exchange.h"

#include <spdlog/spdlog.h>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/rfc7230.hpp>
#include <sstream>

namespace shoal::rpc {

namespace beast = boost::beast;

namespace {

// message::keep_alive() for a bare header (screen refusals are made before there is a message).
bool wantsKeepAlive(const RequestHeader& request) {
    const auto it = request.find(http::field::connection);
    http::token_list tokens{it == request.end() ? beast::string_view() : it->value()};
    return request.version() < 11 ? tokens.exists("keep-alive") : !tokens.exists("close");
}

std::string serialized(const HttpResponse& response) {
    std::ostringstream out;
    out << response;
    return out.str();
}

}  // namespace

HttpResponse makeResponse(const RequestHeader& request, http::status status, std::string body,
                          const std::string& contentType) {
    HttpResponse response{status, request.version()};
    response.set(http::field::server, "Shoal/" SHOAL_VERSION);
    response.set(http::field::content_type, contentType);
    response.keep_alive(wantsKeepAlive(request));
    response.body() = std::move(body);
    response.prepare_payload();
    return response;
}

void applyLimits(RequestParser& parser, const HttpLimits& limits) {
    parser.body_limit(limits.maxBodyBytes);
    parser.header_limit(static_cast<std::uint32_t>(limits.maxHeaderBytes));
}

HttpResponse parseFailure(beast::error_code ec) {
    HttpRequest dummy;
    dummy.version(11);
    const bool tooBig = ec == http::error::body_limit || ec == http::error::header_limit;
    auto response =
        makeResponse(dummy, tooBig ? http::status::payload_too_large : http::status::bad_request,
                     tooBig ? "request too large\n" : "malformed HTTP request: " + ec.message() + "\n");
    response.keep_alive(false);
    return response;
}

std::optional<HttpResponse> screenHeader(const HeaderScreen& screen, const RequestParser& parser,
                                         const RequestContext& client) {
    auto refusal = screen(parser.get().base(), client);
    if (!refusal) return std::nullopt;
    if (!parser.is_done()) refusal->keep_alive(false);
    refusal->prepare_payload();
    return refusal;
}

HttpResponse callHandler(const HttpHandler& handler, const HttpRequest& request,
                         const RequestContext& client) {
    HttpResponse response;
    try {
        response = handler(request, client);
    } catch (const std::exception& e) {
        spdlog::error("rpc: handler failed: {}", e.what());
        response = makeResponse(request, http::status::internal_server_error, "internal error\n");
    }
    response.prepare_payload();
    return response;
}

std::string answerRawRequest(std::string_view raw, const RequestContext& client, const HttpLimits& limits,
                             const HeaderScreen& screen, const HttpHandler& handler) {
    RequestParser parser;
    applyLimits(parser, limits);
    beast::error_code ec;
    // Feeds the rest of `raw` until `done` holds; the end of the bytes is the end of the stream. Beast's
    // parser stops after the headers unless eager, as async_read_header does.
    const auto feed = [&](auto done) {
        while (!ec && !done()) {
            if (raw.empty()) {
                // As a socket closed before its first byte: end of stream, not a message cut short
                // (Beast's put_eof asserts that some of the message came).
                if (parser.got_some()) parser.put_eof(ec);
                else ec = http::error::end_of_stream;
                break;
            }
            const std::size_t used = parser.put(boost::asio::buffer(raw.data(), raw.size()), ec);
            raw.remove_prefix(used);
            if (ec == http::error::need_more) {
                ec = {};
                if (used == 0) raw = {};  // all there is was offered: the message is cut short
            }
        }
    };
    feed([&] { return parser.is_header_done(); });
    if (ec) return serialized(parseFailure(ec));
    if (auto refusal = screenHeader(screen, parser, client)) return serialized(*refusal);
    parser.eager(true);
    feed([&] { return parser.is_done(); });
    if (ec) return serialized(parseFailure(ec));
    return serialized(callHandler(handler, parser.release(), client));
}

}  // namespace shoal::rpc
