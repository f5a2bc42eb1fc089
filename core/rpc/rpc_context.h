// What every RPC method gets: the session, the activity tracker (for ids "recently-active"), the server's
// options, and the method table type. Methods only translate: the session owns every torrent decision.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "shoal/rpc_server.h"
#include "shoal/session.h"

namespace shoal::rpc {

using nlohmann::json;

// JSON-RPC 2.0 error codes (the legacy format carries only the message, in "result").
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
inline constexpr int kOperationFailed = 1;  // the session refused or failed a valid request

struct MethodResult {
    json arguments = json::object();
    std::optional<std::string> error;  // set: the method failed with this one-line message
    int code = 0;

    std::optional<ErrorCode> shoalCode;  // the session's own error code, when the session failed it

    static MethodResult fail(int code, std::string message) {
        MethodResult r;
        r.error = std::move(message);
        r.code = code;
        return r;
    }
    // A session error: caller mistakes map to invalid params, the rest to "operation failed".
    static MethodResult fromError(const Error& e) {
        const bool caller = e.code == ErrorCode::InvalidArgument || e.code == ErrorCode::BadInput ||
                            e.code == ErrorCode::NotFound;
        MethodResult r = fail(caller ? kInvalidParams : kOperationFailed, e.message);
        r.shoalCode = e.code;
        return r;
    }
};

// Remembers which torrents changed or went away recently (Transmission's window is 60 s), from the
// session's events.
class ActivityTracker {
public:
    explicit ActivityTracker(std::chrono::seconds window = std::chrono::seconds(60)) : window_(window) {}
    void onEvent(const Event& event);
    std::vector<TorrentId> recentlyActive() const;
    std::vector<TorrentId> recentlyRemoved() const;
    int addedThisRun() const;

private:
    std::chrono::seconds window_;
    mutable std::mutex mutex_;
    std::map<TorrentId, std::chrono::steady_clock::time_point> active_;
    std::map<TorrentId, std::chrono::steady_clock::time_point> removed_;
    int added_ = 0;
};

struct RpcContext {
    Session& session;
    ActivityTracker& activity;
    const RpcServerOptions& options;
    std::chrono::steady_clock::time_point started;
    std::string sessionId;
};

using Method = std::function<MethodResult(const json& arguments, RpcContext& context)>;
using MethodTable = std::map<std::string, Method>;

void addTorrentMethods(MethodTable& table);
void addTorrentSetMethods(MethodTable& table);
void addSessionMethods(MethodTable& table);

// The torrents an `ids` argument names: absent = all; an integer; "recently-active"; or an array of
// integers and hash strings (v1, v2, or truncated v2). Unknown ids are skipped, as Transmission does,
// unless "shoal-strict-ids" is true (RemoteSession): then an unknown id is a NotFound error. An `ids` of
// the wrong type is an error.
Result<std::vector<TorrentId>> resolveIds(const json& arguments, RpcContext& context);

// Applies files-wanted/-unwanted and priority-high/-normal/-low (an empty array: every file) to the
// current priorities; an index out of range is an error.
Result<std::vector<FilePriority>> filePrioritiesFromArgs(const json& args, std::vector<FilePriority> current);

// Transmission's hashString: the v1 hash, or for a v2-only torrent its v2 hash truncated to 40 hex digits
// (the form the DHT and trackers see).
std::string hashString(const InfoHashes& hashes);

}  // namespace shoal::rpc
