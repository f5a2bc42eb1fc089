// The per-torrent book: what the engine knows of each torrent beyond libtorrent's own state, by id.
// It belongs to the engine thread, which every access asserts (debug builds): other threads read the
// snapshots (engine::Registry) and send commands, never an entry.
#pragma once

#include <libtorrent/add_torrent_params.hpp>
#include <libtorrent/torrent_handle.hpp>
#include <libtorrent/torrent_info.hpp>
#include <libtorrent/torrent_status.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/engine_queue.h"
#include "shoal/types.h"
#include "store/store.h"

namespace shoal::engine {

using Clock = std::chrono::steady_clock;

// This run's payload in one direction, read from libtorrent's total_payload_* counters, which start
// again from zero each time a torrent is resumed (and whose all_time_* lose the bytes of the second a
// pause cuts short): counted here by deltas, so that it never goes back.
struct TransferCounter {
    std::int64_t total = 0;      // this run
    std::int64_t lastSeen = 0;   // libtorrent's counter at the last reading
    std::int64_t persisted = 0;  // `total` when the history was last written
    void observe(std::int64_t now) {
        total += now >= lastSeen ? now - lastSeen : now;
        lastSeen = now;
    }
};

// What the engine knows of one torrent beyond libtorrent's own state.
struct TorrentEntry {
    store::TorrentRow row;              // persisted columns, kept current and re-put on change
    lt::torrent_handle handle;          // invalid until add_torrent_alert
    // Set while libtorrent has the add in hand (async_add_torrent until add_torrent_alert). What the
    // user changes meanwhile is kept in the row at once and applied to the handle when it comes.
    bool addPending = false;
    std::vector<std::function<void(TorrentEntry&)>> untilAdded;
    std::shared_ptr<const lt::torrent_info> info;  // the metadata given to the add, if any (file checks)
    // "ip:port" peers the user named. libtorrent ignores connect_peer while a torrent is paused (as queued
    // and restored torrents are at first), so they are connected again whenever it starts.
    std::vector<std::string> directPeers;
    Clock::time_point lastDirectConnect{};
    std::string error;                  // sticky error (files missing, disk) until resume/recheck
    // Disk jobs issued before a resume or recheck can still fail after it (a full disk's writes in
    // flight), and libtorrent would error or pause the torrent again. Those steps wait for a fence
    // (flush_cache) behind every earlier job; the disk errors that come before it are the old episode's.
    std::vector<std::function<void(TorrentEntry&)>> afterDiskFence;
    std::int64_t totalSize = 0;         // payload size, read once the metadata is known (ticks lack it)
    int hashFailures = 0;
    TransferCounter downloaded, uploaded, wasted;
    std::int64_t allTimeDownloadedBefore = 0;  // all-time counters at the start of this run
    std::int64_t allTimeUploadedBefore = 0;
    std::int64_t allTimeDownloaded() const { return allTimeDownloadedBefore + downloaded.total; }
    std::int64_t allTimeUploaded() const { return allTimeUploadedBefore + uploaded.total; }
    void observe(const lt::torrent_status& st) {
        downloaded.observe(st.total_payload_download);
        uploaded.observe(st.total_payload_upload);
        wasted.observe(st.total_failed_bytes + st.total_redundant_bytes);
    }
    bool finishedThisRun = false;
    bool piecesSinceSave = false;  // a piece passed its hash check since the last resume save
    // libtorrent's need_save_resume, as its last status update said: asking the handle instead is a
    // round trip to libtorrent's thread per torrent, ten thousand of them every periodic save.
    bool unsavedChanges = false;
    std::int64_t downloadedAtSave = 0;  // downloaded.total when resume data was last asked for
    bool removing = false;
    RemoveMode removeMode = RemoveMode::KeepData;  // what removing asked for
    bool checkedAfterRejectedResume = false;
    bool resumeDataStored = false;  // restored with resume data: nothing new to save once it is added
    bool restoring = false;         // handed to libtorrent by restoreNextChunk, its add not back yet
    // The file priorities last given to libtorrent. Its own (get_file_priorities) change only when its
    // disk job has applied them: read before that, they would show, and a next change would build on,
    // the old ones.
    std::vector<lt::download_priority_t> filePriorities;
};

class TorrentBook {
public:
    using Entries = std::map<TorrentId, TorrentEntry>;

    explicit TorrentBook(const EngineQueue& engine) : engine_(engine) {}

    TorrentEntry* find(TorrentId id) {
        engine_.assertOnEngine();
        auto it = entries_.find(id);
        return it == entries_.end() ? nullptr : &it->second;
    }
    // Null also while the torrent is being removed: a command or an alert for it has nothing to do.
    TorrentEntry* findLive(TorrentId id) {
        TorrentEntry* entry = find(id);
        return entry && !entry->removing ? entry : nullptr;
    }
    TorrentEntry& create(TorrentId id) {
        engine_.assertOnEngine();
        return entries_[id];
    }
    void erase(TorrentId id) {
        engine_.assertOnEngine();
        entries_.erase(id);
    }
    bool anyAddPending() const {
        engine_.assertOnEngine();
        for (const auto& item : entries_)
            if (item.second.addPending) return true;
        return false;
    }

    Entries::iterator begin() {
        engine_.assertOnEngine();
        return entries_.begin();
    }
    Entries::iterator end() { return entries_.end(); }
    Entries::const_iterator begin() const {
        engine_.assertOnEngine();
        return entries_.begin();
    }
    Entries::const_iterator end() const { return entries_.end(); }

private:
    const EngineQueue& engine_;
    Entries entries_;
};

}  // namespace shoal::engine
