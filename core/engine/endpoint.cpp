// "ip:port" / "[v6]:port" text as users and front ends write it -> a TCP endpoint.
#include "engine/engine_impl.h"

namespace shoal::engine {

Result<lt::tcp::endpoint> parseEndpoint(const std::string& text) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon + 1 >= text.size())
        return makeError(ErrorCode::InvalidArgument, "not an ADDR:PORT: " + text);
    std::string host = text.substr(0, colon);
    if (host.size() > 1 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    lt::error_code ec;
    const auto address = lt::make_address(host, ec);
    if (ec) return makeError(ErrorCode::InvalidArgument, "not an IP address in " + text);
    int port = -1;
    try {
        std::size_t used = 0;
        port = std::stoi(text.substr(colon + 1), &used);
        if (used != text.size() - colon - 1) port = -1;
    } catch (const std::exception&) {
    }
    if (port <= 0 || port > 65535) return makeError(ErrorCode::InvalidArgument, "bad port in " + text);
    return lt::tcp::endpoint(address, static_cast<std::uint16_t>(port));
}

}  // namespace shoal::engine
