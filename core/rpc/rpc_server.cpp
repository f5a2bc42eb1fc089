// RpcServer: the HTTP server, the security gate and the dispatcher put together. Routes: the RPC path
// (POST; GET gets the 409 handshake like Transmission) and /metrics (GET, no CSRF token: scrapers do not
// speak the handshake; the IP, Host and auth checks still apply).
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
    std::unique_ptr<HttpServer> http;

    Impl(Session& s, RpcServerOptions o)
        : session(s),
          options(std::move(o)),
          gate(SecurityOptions{options.username, options.passwordHash, options.clientWhitelist,
                               options.hostWhitelist, options.hostWhitelistEnabled, options.maxAuthFailures,
                               options.lockout}),
          context{session, activity, options, std::chrono::steady_clock::now(), gate.sessionId()},
          dispatcher(context) {}

    HttpResponse handle(const HttpRequest& request, const RequestContext& client) {
        const std::string target(request.target());
        const std::string path = target.substr(0, target.find('?'));
        const bool rpc = path == options.path || path == options.path + "/";
        if (!rpc && path != "/metrics")
            return makeResponse(request, http::status::not_found,
                                "404: no such path; the RPC is at " + options.path + "\n");
        if (auto refusal = gate.check(request, client, rpc)) return std::move(*refusal);
        if (!rpc) {
            if (request.method() != http::verb::get)
                return makeResponse(request, http::status::method_not_allowed, "405: use GET for /metrics\n");
            return makeResponse(request, http::status::ok, prometheusMetrics(session),
                                "text/plain; version=0.0.4; charset=utf-8");
        }
        if (request.method() != http::verb::post)
            return makeResponse(request, http::status::method_not_allowed, "405: POST a JSON request\n");
        DispatchOutput out = dispatcher.handle(request.body());
        auto response = out.noContent ? makeResponse(request, http::status::no_content, "")
                                      : makeResponse(request, http::status::ok, std::move(out.body),
                                                     "application/json; charset=UTF-8");
        response.set("X-Transmission-Session-Id", gate.sessionId());
        return response;
    }
};

RpcServer::RpcServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

RpcServer::~RpcServer() { stop(); }

Result<std::unique_ptr<RpcServer>> RpcServer::start(Session& session, RpcServerOptions options) {
    if (!options.username.empty() && options.passwordHash.empty())
        return makeError(ErrorCode::InvalidArgument, "RPC auth needs a password hash");
    if (options.path.empty() || options.path.front() != '/')
        return makeError(ErrorCode::InvalidArgument, "the RPC path must start with '/'");
    auto impl = std::make_unique<Impl>(session, std::move(options));
    Impl* raw = impl.get();
    impl->subscription = session.subscribe([raw](const Event& e) { raw->activity.onEvent(e); });
    impl->http = std::make_unique<HttpServer>(
        [raw](const HttpRequest& request, const RequestContext& client) {
            return raw->handle(request, client);
        },
        impl->options.maxBodyBytes);
    if (auto started = impl->http->start(impl->options.bindAddress, impl->options.port); !started) {
        session.unsubscribe(impl->subscription);
        return started.error();
    }
    return std::unique_ptr<RpcServer>(new RpcServer(std::move(impl)));
}

void RpcServer::stop() {
    if (!impl_ || !impl_->http) return;
    impl_->http->stop();
    impl_->http.reset();
    impl_->session.unsubscribe(impl_->subscription);
}

int RpcServer::port() const { return impl_->http ? impl_->http->port() : 0; }
std::string RpcServer::address() const { return impl_->http ? impl_->http->address() : std::string(); }

}  // namespace shoal
