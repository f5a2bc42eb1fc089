// LocalSession: the session API on an in-process libtorrent session, with its library in SQLite.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>

#include "shoal/session.h"

namespace shoal {

struct LocalSessionOptions {
    std::filesystem::path profileDir;  // holds shoal.db; created if missing
    // Changes applied on top of the stored settings for this run only (never persisted): how the CLI's
    // --no-dht, --listen etc. work without rewriting the user's preferences.
    std::function<void(Settings&)> overrides;
    // Tick of status updates (post_torrent_updates) in milliseconds.
    int tickMs = 500;
    // Subscribed before the engine starts, so that it sees every event (the first Listening included).
    EventHandler eventHandler;
};

class LocalSession final : public Session {
public:
    // Opens the library, starts the engine thread and re-adds every stored torrent with its resume data.
    static Result<std::unique_ptr<LocalSession>> open(LocalSessionOptions options);
    ~LocalSession() override;  // calls shutdown()

    // Saves resume data of every torrent, waits for the last save to be committed, stops the engine.
    void shutdown();

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
    std::vector<TorrentDetails> detailsOf(const std::vector<TorrentId>& ids) override;
    SessionTotals totals() const override;
    Result<std::vector<TrafficDay>> trafficHistory(TorrentId id, int days) override;
    Settings settings() const override;
    Settings effectiveSettings() const override;

    SubscriptionId subscribe(EventHandler handler) override;
    void unsubscribe(SubscriptionId id) override;

    struct Impl;

private:
    explicit LocalSession(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// The default profile directory: $XDG_DATA_HOME/shoal or ~/.local/share/shoal.
std::filesystem::path defaultProfileDir();

}  // namespace shoal
