// The daemon's RPC server: Transmission's RPC protocol (legacy and JSON-RPC 2.0) over HTTP on Boost.Beast,
// mapped onto a Session, with Transmission's security set and a Prometheus /metrics page.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "shoal/session.h"
#include "shoal/types.h"

namespace shoal {

struct RpcServerOptions {
    std::string bindAddress = "127.0.0.1";  // loopback unless the user says otherwise
    int port = 9091;                        // 0: the kernel picks one (read it from port())
    std::string path = "/transmission/rpc";
    // Basic auth: off while username is empty. The password is kept only as a crypt(3) hash.
    std::string username;
    std::string passwordHash;  // from hashRpcPassword()
    // Client addresses allowed to talk at all; '*' matches any run of characters ("192.168.1.*").
    // Empty: every address.
    std::vector<std::string> clientWhitelist = {"127.0.0.1", "::1"};
    // Host header names allowed besides "localhost" and IP literals (DNS rebinding); '*' wildcards too.
    std::vector<std::string> hostWhitelist;
    bool hostWhitelistEnabled = true;
    std::size_t maxBodyBytes = 16 * 1024 * 1024;  // a base64 .torrent of 12 MiB fits
    // After this many failed logins in a row from one address, that address gets 403 for `lockout`.
    int maxAuthFailures = 10;
    std::chrono::seconds lockout{300};
    // Guesses spread over many addresses: after this many failed logins from all addresses together
    // within `authFailureWindow`, logins are refused (429) for `lockout`, except with credentials that
    // were verified before the lock (a client already logged in keeps working; a guess cannot get in).
    int maxGlobalAuthFailures = 100;
    std::chrono::seconds authFailureWindow{300};
    // Open connections at once: in total (lowered to a quarter of the descriptor limit) and per client
    // address. Past a cap, the connection waiting longest for a request is closed to make room.
    std::size_t maxConnections = 128;
    std::size_t maxConnectionsPerAddress = 32;
    std::string configDir;                 // reported as session-get's config-dir
    std::function<void()> onSessionClose;  // session-close asked the daemon to stop (may be empty)
};

class RpcServer {
public:
    // Binds and starts serving on a thread of its own. The session must outlive the server.
    static Result<std::unique_ptr<RpcServer>> start(Session& session, RpcServerOptions options);
    // The same server with no socket and no thread, for answerRaw() (fuzzing, tests).
    static Result<std::unique_ptr<RpcServer>> withoutSocket(Session& session, RpcServerOptions options);
    ~RpcServer();  // stop()
    void stop();   // closes the socket and joins the server thread; idempotent

    // The whole pipeline on raw bytes, as if `clientAddress` had sent them on a connection: one HTTP
    // request parsed with the same header and body limits, the same checks (IP, Host, auth, session id),
    // the dispatcher; returns the serialized HTTP response (400/413 for what does not parse). Bytes after
    // the first request are ignored. Thread-safe with the socket path; the session must still be open.
    std::string answerRaw(std::string_view rawHttpRequest, const std::string& clientAddress);

    int port() const;             // the port actually bound
    std::string address() const;  // the address actually bound

    struct Impl;

private:
    explicit RpcServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// A salted crypt(3) hash (yescrypt) of an RPC password, for RpcServerOptions::passwordHash and storage.
Result<std::string> hashRpcPassword(const std::string& password);
bool verifyRpcPassword(const std::string& password, const std::string& hash);

}  // namespace shoal
