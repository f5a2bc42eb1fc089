// Progress lines and events for a running transfer.
#include "transfer_report.h"

#include <cstdio>

namespace shoal::cli {

void reportProgress(Output& out, const TorrentStatus& s, bool force) {
    if (s.state == TorrentState::Checking || s.state == TorrentState::QueuedForCheck) {
        out.event({{"event", "checking"}, {"progress", s.progress}});
    } else {
        out.event({{"event", "progress"},
                   {"state", toString(s.state)},
                   {"progress", s.progress},
                   {"bytes_done", s.totalWantedDone},
                   {"bytes", s.totalWanted},
                   {"download_rate", s.downloadRate},
                   {"upload_rate", s.uploadRate},
                   {"peers", s.peers},
                   {"seeds", s.seeds},
                   {"eta", s.etaSeconds}});
    }
    constexpr int width = 30;
    const int filled = static_cast<int>(s.progress * width);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(width, '.');
    char line[256];
    std::snprintf(line, sizeof line, "[%s] %5.1f%%  %s/s down  %s/s up  peers %d (%d seeds)  ETA %s  %s",
                  bar.c_str(), s.progress * 100, humanBytes(s.downloadRate).c_str(),
                  humanBytes(s.uploadRate).c_str(), s.peers, s.seeds, humanDuration(s.etaSeconds).c_str(),
                  toString(s.state));
    out.progress(line, force);
}

void reportSeeding(Output& out, const TorrentStatus& s) {
    out.event({{"event", "seeding"},
               {"uploaded", s.uploadedThisRun},
               {"upload_rate", s.uploadRate},
               {"peers", s.peers},
               {"ratio", s.ratio}});
    char line[200];
    std::snprintf(line, sizeof line, "seeding: %s uploaded  %s/s  peers %d  ratio %.2f",
                  humanBytes(static_cast<double>(s.uploadedThisRun)).c_str(), humanBytes(s.uploadRate).c_str(),
                  s.peers, s.ratio);
    out.progress(line);
}

nlohmann::json addedEvent(const TorrentStatus& s) {
    return {{"event", "added"},
            {"id", s.id},
            {"name", s.name},
            {"info_hash_v1", s.hashes.v1},
            {"info_hash_v2", s.hashes.v2}};
}

}  // namespace shoal::cli
