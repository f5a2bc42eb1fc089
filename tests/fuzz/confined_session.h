// A Session in front of the fuzzed session that keeps every path inside the fuzzer's temp folder. The fuzz
// targets run as whoever runs CI (often root): an input may ask to save to "/", move storage anywhere or
// rename a file to "../../etc/x", and the cleanup after each input deletes data. Those escapes are pinned
// by the RPC tests (issue 17, item 5); here they are refused so that fuzzing can never touch the machine.
#pragma once

#include <filesystem>
#include <string>
#include <utility>

#include "shoal/session.h"

namespace shoal::fuzz {

class ConfinedSession final : public Session {
public:
    ConfinedSession(Session& inner, std::filesystem::path dataDir)
        : inner_(inner), data_(std::move(dataDir)) {}

    Result<AddOutcome> addTorrent(AddRequest request) override {
        request.savePath = data_.string();  // whatever download-dir the input named
        return inner_.addTorrent(std::move(request));
    }
    Result<void> remove(TorrentId id, RemoveMode mode) override { return inner_.remove(id, mode); }
    Result<void> pause(TorrentId id) override { return inner_.pause(id); }
    Result<void> resume(TorrentId id) override { return inner_.resume(id); }
    Result<void> recheck(TorrentId id) override { return inner_.recheck(id); }
    Result<void> reannounce(TorrentId id) override { return inner_.reannounce(id); }
    Result<void> moveStorage(TorrentId, const std::string&) override { return refused(); }
    Result<void> renameFile(TorrentId id, int fileIndex, const std::string& newPath) override {
        const std::filesystem::path path(newPath);
        if (path.is_absolute()) return refused();
        for (const auto& part : path)
            if (part == "..") return refused();
        return inner_.renameFile(id, fileIndex, newPath);
    }
    Result<void> setFilePriorities(TorrentId id, const std::vector<FilePriority>& priorities) override {
        return inner_.setFilePriorities(id, priorities);
    }
    Result<void> setSequential(TorrentId id, bool sequential) override {
        return inner_.setSequential(id, sequential);
    }
    Result<void> setLimits(TorrentId id, int downloadLimit, int uploadLimit) override {
        return inner_.setLimits(id, downloadLimit, uploadLimit);
    }
    Result<void> setSeedingGoals(TorrentId id, std::optional<double> ratio,
                                 std::optional<std::int64_t> seconds) override {
        return inner_.setSeedingGoals(id, ratio, seconds);
    }
    Result<void> moveInQueue(TorrentId id, QueueMove move) override { return inner_.moveInQueue(id, move); }
    Result<void> setCategory(TorrentId id, const std::string& category) override {
        return inner_.setCategory(id, category);
    }
    Result<void> setTags(TorrentId id, const std::vector<std::string>& tags) override {
        return inner_.setTags(id, tags);
    }
    Result<void> addTrackers(TorrentId id, const std::vector<std::string>& urls) override {
        return inner_.addTrackers(id, urls);
    }
    Result<void> replaceTrackers(TorrentId id, const std::vector<std::string>& urls) override {
        return inner_.replaceTrackers(id, urls);
    }
    Result<void> connectPeer(TorrentId id, const std::string& endpoint) override {
        return inner_.connectPeer(id, endpoint);
    }
    Result<void> applySettings(const Settings& settings) override {
        Settings confined = settings;
        confined.defaultSavePath = data_.string();
        confined.incompleteSavePath.clear();
        return inner_.applySettings(confined);
    }

    std::vector<TorrentStatus> torrents() const override { return inner_.torrents(); }
    std::optional<TorrentStatus> status(TorrentId id) const override { return inner_.status(id); }
    Result<TorrentDetails> details(TorrentId id) override { return inner_.details(id); }
    SessionTotals totals() const override { return inner_.totals(); }
    Settings settings() const override { return inner_.settings(); }
    Settings effectiveSettings() const override { return inner_.effectiveSettings(); }

    SubscriptionId subscribe(EventHandler handler) override { return inner_.subscribe(std::move(handler)); }
    void unsubscribe(SubscriptionId id) override { inner_.unsubscribe(id); }

private:
    static Error refused() {
        return makeError(ErrorCode::InvalidArgument,
                         "refused by the fuzz harness: a path outside its folder");
    }

    Session& inner_;
    std::filesystem::path data_;
};

}  // namespace shoal::fuzz
