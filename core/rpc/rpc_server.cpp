// RpcServer: the HTTP server, the security gate and the dispatcher put together. Routes: the RPC path
// (POST; GET gets the 409 handshake like Transmission) and /metrics (GET, no CSRF token: scrapers do not
// speak the handshake; the IP, Host and auth checks still apply). Every check runs on the headers, before
// a body is read.
#include "shoal/rpc_server.h"

#include <spdlog/spdlog.h>

#include "rpc/http_server.h"
#include "rpc/metrics.h"
#include "rpc/rpc_dispatch.h"
#include "rpc/rpc_security.h"

namespace shoal {

using namespace shoal::rpc;

struct RpcServer::Impl {
    Session& session;
    RpcServerOptions options;
    SecurityGate gate;
    ActivityTracker activity;
    RpcContext context;
    Dispatcher dispatcher;
    SubscriptionId subscription = 0;
    std::unique_ptr<HttpServer> http;  // null for a server made withoutSocket()
    bool stopped = false;

    Impl(Session& s, RpcServerOptions o)
        : session(s),
          options(std::move(o)),
          gate(SecurityOptions{options.username, options.passwordHash, options.clientWhitelist,
                               options.hostWhitelist, options.hostWhitelistEnabled, options.maxAuthFailures,
                               options.lockout, options.maxGlobalAuthFailures, options.authFailureWindow}),
          context{session, activity, options, std::chrono::steady_clock::now(), gate.sessionId()},
          dispatcher(context) {}

    static bool isRpcPath(const RequestHeader& request, const std::string& rpcPath) {
        const std::string target(request.target());
        const std::string path = target.substr(0, target.find('?'));
        return path == rpcPath || path == rpcPath + "/";
    }

    // Everything that can be decided on the headers: the route, the method, the security gate. The body
    // of a refused request is never read.
    std::optional<HttpResponse> screen(const RequestHeader& request, const RequestContext& client) {
        const std::string target(request.target());
        const bool rpc = isRpcPath(request, options.path);
        if (!rpc && target.substr(0, target.find('?')) != "/metrics")
            return makeResponse(request, http::status::not_found,
                                "404: no such path; the RPC is at " + options.path + "\n");
        if (auto refusal = gate.check(request, client, rpc)) return refusal;
        if (!rpc && request.method() != http::verb::get)
            return makeResponse(request, http::status::method_not_allowed, "405: use GET for /metrics\n");
        if (rpc && request.method() != http::verb::post)
            return makeResponse(request, http::status::method_not_allowed, "405: POST a JSON request\n");
        return std::nullopt;
    }

    // A request that passed screen().
    HttpResponse answer(const HttpRequest& request, const RequestContext&) {
        if (!isRpcPath(request, options.path))
            return makeResponse(request, http::status::ok, prometheusMetrics(session),
                                "text/plain; version=0.0.4; charset=utf-8");
        DispatchOutput out = dispatcher.handle(request.body());
        auto response = out.noContent ? makeResponse(request, http::status::no_content, "")
                                      : makeResponse(request, http::status::ok, std::move(out.body),
                                                     "application/json; charset=UTF-8");
        response.set("X-Transmission-Session-Id", gate.sessionId());
        return response;
    }

    HttpLimits limits() const {
        HttpLimits l;
        l.maxBodyBytes = options.maxBodyBytes;
        l.maxConnections = options.maxConnections;
        l.maxConnectionsPerAddress = options.maxConnectionsPerAddress;
        return l;
    }
    HeaderScreen screenFn() {
        return [this](const RequestHeader& request, const RequestContext& client) {
            return screen(request, client);
        };
    }
    HttpHandler answerFn() {
        return [this](const HttpRequest& request, const RequestContext& client) {
            return answer(request, client);
        };
    }
};

RpcServer::RpcServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

RpcServer::~RpcServer() { stop(); }

Result<std::unique_ptr<RpcServer>> RpcServer::start(Session& session, RpcServerOptions options) {
    auto unbound = withoutSocket(session, std::move(options));
    if (!unbound) return unbound.error();
    auto& impl = unbound.value()->impl_;
    impl->http = std::make_unique<HttpServer>(impl->screenFn(), impl->answerFn(), impl->limits());
    if (auto started = impl->http->start(impl->options.bindAddress, impl->options.port); !started) {
        impl->http.reset();
        return started.error();
    }
    return std::move(unbound).value();
}

Result<std::unique_ptr<RpcServer>> RpcServer::withoutSocket(Session& session, RpcServerOptions options) {
    if (!options.username.empty() && options.passwordHash.empty())
        return makeError(ErrorCode::InvalidArgument, "RPC auth needs a password hash");
    if (options.path.empty() || options.path.front() != '/')
        return makeError(ErrorCode::InvalidArgument, "the RPC path must start with '/'");
    auto impl = std::make_unique<Impl>(session, std::move(options));
    Impl* raw = impl.get();
    impl->subscription = session.subscribe([raw](const Event& e) { raw->activity.onEvent(e); });
    return std::unique_ptr<RpcServer>(new RpcServer(std::move(impl)));
}

std::string RpcServer::answerRaw(std::string_view rawHttpRequest, const std::string& clientAddress) {
    return answerRawRequest(rawHttpRequest, RequestContext{clientAddress}, impl_->limits(), impl_->screenFn(),
                            impl_->answerFn());
}

void RpcServer::stop() {
    if (!impl_ || impl_->stopped) return;
    impl_->stopped = true;
    if (impl_->http) impl_->http->stop();
    impl_->http.reset();
    impl_->session.unsubscribe(impl_->subscription);
}

int RpcServer::port() const { return impl_->http ? impl_->http->port() : 0; }
std::string RpcServer::address() const { return impl_->http ? impl_->http->address() : std::string(); }

}  // namespace shoal
