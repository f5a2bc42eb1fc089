// RemoteSession: the Session API as a client of a Shoal (or Transmission-compatible) daemon's RPC. Code
// written against Session does not know which one it has.
//
// Threads: every method may be called from any thread; commands and queries are synchronous HTTP
// requests (bounded by `timeout`). A poller thread asks for `ids: "recently-active"` every `pollMs` and
// turns the differences into events (Added, Removed, Changed{ids}, MetadataReceived, Finished, Errored),
// which handlers receive on that poller thread. torrents()/status()/totals() answer from the last poll.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "shoal/session.h"

namespace shoal {

struct RemoteSessionOptions {
    // "http://host:port/path", "host:port" or "host"; the port defaults to 9091, the path to
    // /transmission/rpc. http only (use an SSH tunnel or a reverse proxy for TLS).
    std::string url;
    std::string username;  // empty: no auth
    std::string password;
    int pollMs = 1000;
    std::chrono::milliseconds timeout{10000};  // per request
    // Subscribed before the first poll, so that it sees every event.
    EventHandler eventHandler;
};

class RemoteSession final : public Session {
public:
    // Connects (the 409 handshake, auth), reads every torrent once, then starts polling. Errors: Network
    // (unreachable, timeout), InvalidArgument (bad URL; 401/403/421 refusals, with the server's reason).
    static Result<std::unique_ptr<RemoteSession>> connect(RemoteSessionOptions options);
    ~RemoteSession() override;  // close()
    void close();               // stops the poller; later calls fail with Network errors

    const std::string& url() const;  // the normalized URL

    Result<AddOutcome> addTorrent(AddRequest request) override;
    Result<void> remove(TorrentId id, RemoveMode mode) override;
    Result<void> pause(TorrentId id) override;
    Result<void> resume(TorrentId id) override;
    Result<void> recheck(TorrentId id) override;
    Result<void> reannounce(TorrentId id) override;
    Result<void> moveStorage(TorrentId id, const std::string& newSavePath) override;
    Result<void> renameFile(TorrentId id, int fileIndex, const std::string& newPath) override;
    Result<void> setFilePriorities(TorrentId id, const std::vector<FilePriority>& priorities) override;
    Result<void> setSequential(TorrentId id, bool sequential) override;
    Result<void> setLimits(TorrentId id, int downloadLimit, int uploadLimit) override;
    Result<void> setSeedingGoals(TorrentId id, std::optional<double> ratio,
                                 std::optional<std::int64_t> seconds) override;
    Result<void> moveInQueue(TorrentId id, QueueMove move) override;
    Result<void> setCategory(TorrentId id, const std::string& category) override;
    Result<void> setTags(TorrentId id, const std::vector<std::string>& tags) override;
    Result<void> addTrackers(TorrentId id, const std::vector<std::string>& urls) override;
    Result<void> replaceTrackers(TorrentId id, const std::vector<std::string>& urls) override;
    Result<void> connectPeer(TorrentId id, const std::string& endpoint) override;
    Result<void> applySettings(const Settings& settings) override;

    std::vector<TorrentStatus> torrents() const override;
    std::optional<TorrentStatus> status(TorrentId id) const override;
    Result<TorrentDetails> details(TorrentId id) override;
    SessionTotals totals() const override;
    Result<std::vector<TrafficDay>> trafficHistory(TorrentId id, int days) override;
    Settings settings() const override;
    Settings effectiveSettings() const override;  // the daemon's, with its command-line overrides

    SubscriptionId subscribe(EventHandler handler) override;
    void unsubscribe(SubscriptionId id) override;

    struct Impl;

private:
    explicit RemoteSession(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace shoal
