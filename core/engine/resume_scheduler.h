// When the engine asks libtorrent for a torrent's resume data. libtorrent trusts the resume data's
// bitfield, and the written blocks of its unfinished pieces, and fetches again whatever they do not
// record: so a crash costs what came since a torrent's last save. Saves go out every `interval` for
// whatever libtorrent says changed, on the tick after a piece passed its check, and, for the few
// torrents with the most unsaved payload, each tick; thousands of downloads do not turn into thousands
// of saves a tick. A save is a few hundred bytes (no info dict), and the writer keeps the newest per
// torrent. Engine thread only, asserted.
#pragma once

#include <chrono>

#include "engine/engine_queue.h"
#include "engine/torrent_book.h"

namespace shoal::engine {

class ResumeScheduler {
public:
    explicit ResumeScheduler(const EngineQueue& engine) : engine_(engine) {}

    void start(Clock::time_point now, std::chrono::seconds interval) { nextPeriodic_ = now + interval; }
    // Each tick: the periodic save of every modified torrent when it is due, else the progress saves.
    void onTick(TorrentBook& book, Clock::time_point now, std::chrono::seconds interval);
    void save(TorrentEntry& entry, bool onlyIfModified);
    void saveAll(TorrentBook& book, bool onlyIfModified);

    // A save's alert came back (saved, failed, or "not modified").
    void landed() { --outstanding_; }
    // libtorrent dropped alerts: saves whose alerts were lost will never land, and shutdown must not
    // wait for them.
    void forgetOutstanding() { outstanding_ = 0; }
    int outstanding() const { return outstanding_; }

private:
    void saveProgress(TorrentBook& book);

    const EngineQueue& engine_;
    int outstanding_ = 0;
    Clock::time_point nextPeriodic_{};
};

}  // namespace shoal::engine
