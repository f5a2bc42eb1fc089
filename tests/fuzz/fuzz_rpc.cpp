// Fuzz target: the daemon's RPC, a whole HTTP request in and an answer out (RpcServer::answerRaw), over a
// LocalSession on a temp profile. The first byte steers what the mutations cannot find alone: bit 0 adds
// the valid X-Transmission-Session-Id (without it nearly every input stops at the 409 handshake), bit 1
// sends from a non-whitelisted address. Invariants: every input gets an HTTP answer, and a JSON answer
// is valid JSON (so valid UTF-8). Torrents and settings an input changed are put back after it.
#include <spdlog/spdlog.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "confined_session.h"
#include "fuzz_support.h"
#include "shoal/rpc_server.h"

namespace {

// Destroyed at exit in reverse order: server, then session, then the folder.
struct State {
    shoal::fuzz::ProcessTempDir dir{"shoal-fuzz-rpc"};
    std::unique_ptr<shoal::LocalSession> session;
    std::unique_ptr<shoal::fuzz::ConfinedSession> confined;
    std::unique_ptr<shoal::RpcServer> server;
    shoal::Settings settings;  // as they were before the first input
    std::string sessionIdHeader;
};

std::unique_ptr<State> state;

std::string headerValue(const std::string& response, const std::string& name) {
    const auto at = response.find(name + ": ");
    if (at == std::string::npos) return {};
    const auto start = at + name.size() + 2;
    return response.substr(start, response.find("\r\n", start) - start);
}

// The request with one header line added after its request line (or in front, if it has none).
std::string withHeader(std::string_view request, const std::string& header) {
    const auto lineEnd = request.find('\n');
    if (lineEnd == std::string_view::npos) return std::string(request) + "\r\n" + header;
    std::string out(request.substr(0, lineEnd + 1));
    out += header;
    out += request.substr(lineEnd + 1);
    return out;
}

void checkAnswer(const std::string& response) {
    // The answer speaks the request's version (HTTP/1.0 clients get HTTP/1.0, as Beast and Transmission do).
    if (response.rfind("HTTP/1.1 ", 0) != 0 && response.rfind("HTTP/1.0 ", 0) != 0) {
        std::fprintf(stderr, "not an HTTP answer: %.200s\n", response.c_str());
        std::abort();
    }
    const auto headersEnd = response.find("\r\n\r\n");
    if (headersEnd == std::string::npos) std::abort();
    const std::string headers = response.substr(0, headersEnd);
    if (headers.find("application/json") == std::string::npos || headers.find("chunked") != std::string::npos)
        return;
    const std::string body = response.substr(headersEnd + 4);
    if (body.empty()) return;  // a JSON-RPC notification has no answer
    if (nlohmann::json::parse(body, nullptr, false).is_discarded()) {
        std::fprintf(stderr, "a JSON answer that is not valid JSON: %.300s\n", body.c_str());
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    spdlog::set_level(spdlog::level::off);  // rejected requests are logged; that would flood the output
    state = std::make_unique<State>();
    state->session = shoal::fuzz::openQuietSession(state->dir.path());
    state->confined =
        std::make_unique<shoal::fuzz::ConfinedSession>(*state->session, state->dir.path() / "data");
    shoal::RpcServerOptions options;
    options.port = 0;
    options.configDir = (state->dir.path() / "profile").string();
    auto server = shoal::RpcServer::withoutSocket(*state->confined, options);
    if (!server) std::abort();
    state->server = std::move(server).value();
    state->settings = state->session->settings();
    // The handshake once: the 409 names the session id that later requests carry.
    const std::string first = state->server->answerRaw(
        "POST /transmission/rpc HTTP/1.1\r\nHost: 127.0.0.1:9091\r\nContent-Length: 2\r\n\r\n{}",
        "127.0.0.1");
    const std::string id = headerValue(first, "X-Transmission-Session-Id");
    if (id.empty()) {
        std::fprintf(stderr, "no session id in the first answer: %s\n", first.c_str());
        std::abort();
    }
    state->sessionIdHeader = "X-Transmission-Session-Id: " + id + "\r\n";
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view raw(reinterpret_cast<const char*>(data + 1), size - 1);
    const std::string request = (data[0] & 1) ? withHeader(raw, state->sessionIdHeader) : std::string(raw);
    const std::string client = (data[0] & 2) ? "192.0.2.7" : "127.0.0.1";
    checkAnswer(state->server->answerRaw(request, client));

    shoal::fuzz::removeAllTorrents(*state->session);
    if (!(state->session->settings() == state->settings))
        (void)state->session->applySettings(state->settings);
    return 0;
}
