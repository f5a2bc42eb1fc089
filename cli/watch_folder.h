// The daemon's watch folder: .torrent files dropped there are added, then renamed NAME.torrent.added
// (or deleted, if asked); a file Shoal refuses (not a torrent, too large, ...) is renamed
// NAME.torrent.invalid with one log line saying why. No file can stop the daemon: each goes through
// readTorrentFile (size checked before reading, errors as values).
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "shoal/session.h"

namespace shoal::cli {

class WatchFolder {
public:
    WatchFolder(std::filesystem::path dir, bool deleteAdded) : dir_(std::move(dir)), delete_(deleteAdded) {}
    // Adds what is there now; returns how many were added. Files changed in the last second are left for
    // the next scan (they may still be being written). Called from the daemon's loop only.
    int scan(Session& session);

private:
    void intake(Session& session, const std::filesystem::path& file, int& added);
    // Logs `message` about `file` unless it was the last thing said about it: a file that stays (it cannot
    // be renamed, or the session could not take it yet) is not reported again on every scan. Files that
    // leave the folder leave this map too.
    void report(const std::filesystem::path& file, const std::string& message);

    std::filesystem::path dir_;
    bool delete_;
    std::map<std::filesystem::path, std::string> lastReport_;
};

}  // namespace shoal::cli
