// Transmission's security set in front of every RPC request: client-IP allow-list (403), Host header
// allow-list against DNS rebinding (421), Basic auth (401) with a lockout after repeated failures from one
// address (403) and a server-wide one after failures from all addresses together (429), and the
// X-Transmission-Session-Id CSRF token (409 handshake). It needs only the headers.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <utility>
#include <string>
#include <vector>

#include "rpc/http_server.h"

namespace shoal::rpc {

struct SecurityOptions {
    std::string username;      // empty: no auth
    std::string passwordHash;  // crypt(3)
    std::vector<std::string> clientWhitelist;
    std::vector<std::string> hostWhitelist;
    bool hostWhitelistEnabled = true;
    int maxAuthFailures = 10;
    std::chrono::seconds lockout{300};
    int maxGlobalAuthFailures = 100;
    std::chrono::seconds authFailureWindow{300};
};

// '*' matches any run of characters; everything else literally, case-insensitively.
bool wildcardMatch(const std::string& pattern, const std::string& text);

// "host:port", "[::1]:9091", "name" -> the host part only, lower case.
std::string hostWithoutPort(const std::string& hostHeader);

class SecurityGate {
public:
    explicit SecurityGate(SecurityOptions options);

    // nullopt when the request may pass; otherwise the refusal to send. `csrf`: also require the
    // session id (the RPC path; /metrics is read-only and scraped without it).
    std::optional<HttpResponse> check(const RequestHeader& request, const RequestContext& context, bool csrf);
    const std::string& sessionId() const { return sessionId_; }

private:
    bool clientAllowed(const std::string& address) const;
    bool hostAllowed(const RequestHeader& request) const;
    bool credentialsValid(const std::string& authorization, const std::string& address);
    void countGlobalFailure(std::chrono::steady_clock::time_point now);  // under mutex_

    SecurityOptions options_;
    std::string sessionId_;
    std::mutex mutex_;
    struct Failures {
        int count = 0;
        std::chrono::steady_clock::time_point lockedUntil{};
    };
    std::map<std::string, Failures> failures_;  // by client address
    // Every address's failed logins within the window (at most maxGlobalAuthFailures kept), and the end
    // of the server-wide lock they caused.
    std::deque<std::chrono::steady_clock::time_point> recentFailures_;
    std::chrono::steady_clock::time_point globalLockUntil_{};
    // Authorization headers already verified: yescrypt is slow on purpose, and clients send the header
    // with every request. Only exact header values that passed the hash check are kept.
    std::set<std::string> verified_;
    // Which address sent each verified header: during the server-wide lock only these pairs pass, so
    // that a guess of the right password from elsewhere is not told it is right.
    std::set<std::pair<std::string, std::string>> verifiedFrom_;
};

}  // namespace shoal::rpc
