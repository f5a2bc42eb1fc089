// The checks every RPC request passes, in Transmission's order: who (IP), which name (Host), credentials,
// then the CSRF token.
#include "rpc/rpc_security.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <cctype>
#include <random>

#include <spdlog/spdlog.h>

#include "rpc/base64.h"
#include "shoal/rpc_server.h"

namespace shoal::rpc {

namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

std::string randomToken() {
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::random_device device;
    std::uniform_int_distribution<int> pick(0, sizeof kAlphabet - 2);
    std::string token;
    for (int i = 0; i < 48; ++i) token += kAlphabet[pick(device)];
    return token;
}

}  // namespace

bool wildcardMatch(const std::string& pattern, const std::string& text) {
    const std::string p = lower(pattern), t = lower(text);
    // Iterative glob with backtracking to the last '*'.
    std::size_t pi = 0, ti = 0, star = std::string::npos, mark = 0;
    while (ti < t.size()) {
        if (pi < p.size() && p[pi] == '*') {
            star = pi++;
            mark = ti;
        } else if (pi < p.size() && p[pi] == t[ti]) {
            ++pi;
            ++ti;
        } else if (star != std::string::npos) {
            pi = star + 1;
            ti = ++mark;
        } else {
            return false;
        }
    }
    while (pi < p.size() && p[pi] == '*') ++pi;
    return pi == p.size();
}

std::string hostWithoutPort(const std::string& header) {
    std::string host = header;
    if (!host.empty() && host.front() == '[') {
        const auto close = host.find(']');
        return lower(close == std::string::npos ? host : host.substr(1, close - 1));
    }
    // One colon: host:port. More: a bare IPv6 literal.
    if (std::count(host.begin(), host.end(), ':') == 1) host = host.substr(0, host.find(':'));
    return lower(host);
}

SecurityGate::SecurityGate(SecurityOptions options)
    : options_(std::move(options)), sessionId_(randomToken()) {}

bool SecurityGate::clientAllowed(const std::string& address) const {
    if (options_.clientWhitelist.empty()) return true;
    return std::any_of(options_.clientWhitelist.begin(), options_.clientWhitelist.end(),
                       [&](const std::string& pattern) { return wildcardMatch(pattern, address); });
}

bool SecurityGate::hostAllowed(const RequestHeader& request) const {
    if (!options_.hostWhitelistEnabled) return true;
    const auto it = request.find(boost::beast::http::field::host);
    if (it == request.end()) return false;  // HTTP/1.1 requires it; without it nothing can be checked
    const std::string host = hostWithoutPort(std::string(it->value()));
    if (host == "localhost" || host == "localhost.") return true;
    boost::system::error_code ec;
    boost::asio::ip::make_address(host, ec);
    if (!ec) return true;  // IP literals cannot be rebound
    return std::any_of(options_.hostWhitelist.begin(), options_.hostWhitelist.end(),
                       [&](const std::string& pattern) { return wildcardMatch(pattern, host); });
}

bool SecurityGate::credentialsValid(const std::string& authorization, const std::string& address) {
    if (verified_.count(authorization)) {
        if (verifiedFrom_.size() > 256) verifiedFrom_.clear();
        verifiedFrom_.emplace(address, authorization);
        return true;
    }
    if (authorization.size() < 6 || lower(authorization.substr(0, 6)) != "basic ") return false;
    auto decoded = base64Decode(authorization.substr(6));
    if (!decoded) return false;
    const auto colon = decoded->find(':');
    if (colon == std::string::npos) return false;
    const std::string user = decoded->substr(0, colon), password = decoded->substr(colon + 1);
    if (user != options_.username || !verifyRpcPassword(password, options_.passwordHash)) return false;
    if (verified_.size() > 64) verified_.clear();  // bounded: a client that changes headers re-verifies
    verified_.insert(authorization);
    if (verifiedFrom_.size() > 256) verifiedFrom_.clear();
    verifiedFrom_.emplace(address, authorization);
    return true;
}

void SecurityGate::countGlobalFailure(std::chrono::steady_clock::time_point now) {
    while (!recentFailures_.empty() && recentFailures_.front() + options_.authFailureWindow <= now)
        recentFailures_.pop_front();
    recentFailures_.push_back(now);
    if (static_cast<int>(recentFailures_.size()) < options_.maxGlobalAuthFailures) return;
    globalLockUntil_ = now + options_.lockout;
    recentFailures_.clear();
    spdlog::warn("rpc: {} failed logins within {} s from all addresses; logins refused for {} s",
                 options_.maxGlobalAuthFailures, options_.authFailureWindow.count(), options_.lockout.count());
    // The per-address entries of addresses that are not locked are forgotten here, so that the map
    // cannot grow with every address an attacker owns.
    std::erase_if(failures_, [&](const auto& entry) { return entry.second.lockedUntil <= now; });
}

std::optional<HttpResponse> SecurityGate::check(const RequestHeader& request, const RequestContext& context,
                                                bool csrf) {
    using http::status;
    if (!clientAllowed(context.clientAddress)) {
        return makeResponse(request, status::forbidden,
                            "403: Unauthorized IP Address " + context.clientAddress +
                                ". Add it to the daemon's --rpc-whitelist to allow it.\n");
    }
    if (!hostAllowed(request)) {
        return makeResponse(
            request, status::misdirected_request,
            "421: Misdirected Request. The Host header names a host that is not in the daemon's "
            "--rpc-host-whitelist (DNS rebinding protection).\n");
    }
    if (!options_.username.empty()) {
        std::lock_guard lock(mutex_);
        const auto now = std::chrono::steady_clock::now();
        if (const auto found = failures_.find(context.clientAddress);
            found != failures_.end() && found->second.lockedUntil > now) {
            return makeResponse(
                request, status::forbidden,
                "403: Too many unsuccessful login attempts from this address; try again later.\n");
        }
        const auto it = request.find(http::field::authorization);
        const std::string authorization = it == request.end() ? std::string() : std::string(it->value());
        // While the server-wide lock holds, no credentials are checked at all (a guess learns nothing);
        // only a client that logged in from its address before the lock passes. Transmission instead
        // refuses everyone until a restart once 100 guesses failed; qBittorrent bans per address only.
        if (globalLockUntil_ > now && !verifiedFrom_.count({context.clientAddress, authorization})) {
            const auto left = std::chrono::ceil<std::chrono::seconds>(globalLockUntil_ - now).count();
            auto response = makeResponse(request, status::too_many_requests,
                                         "429: Too many unsuccessful login attempts on this server; try "
                                         "again in " + std::to_string(left) + " s.\n");
            response.set(http::field::retry_after, std::to_string(left));
            return response;
        }
        if (!credentialsValid(authorization, context.clientAddress)) {
            // A request without credentials is a client's first try, not a guess.
            if (!authorization.empty()) {
                Failures& f = failures_[context.clientAddress];
                if (++f.count >= options_.maxAuthFailures) {
                    f.lockedUntil = now + options_.lockout;
                    f.count = 0;
                }
                countGlobalFailure(now);
            }
            auto response = makeResponse(request, status::unauthorized, "401: Unauthorized User\n");
            response.set(http::field::www_authenticate, "Basic realm=\"Transmission\"");
            return response;
        }
        failures_.erase(context.clientAddress);
    }
    if (csrf) {
        const auto it = request.find("X-Transmission-Session-Id");
        if (it == request.end() || it->value() != sessionId_) {
            auto response = makeResponse(
                request, status::conflict,
                "<h1>409: Conflict</h1><p>Your request had an invalid session-id header.</p>"
                "<p>To fix this, follow these steps:<ol><li> When reading a response, get its "
                "X-Transmission-Session-Id header and remember it<li> Add the updated header to your "
                "outgoing "
                "requests<li> When you get this 409 error message, resend your request with the updated "
                "header</ol></p><p>This requirement has been added to help prevent CSRF attacks.</p>",
                "text/html; charset=utf-8");
            response.set("X-Transmission-Session-Id", sessionId_);
            response.set("X-Transmission-Rpc-Version", "6.0.0");
            return response;
        }
    }
    return std::nullopt;
}

}  // namespace shoal::rpc
