// The daemon's watch folder: .torrent files dropped there are added, then renamed NAME.torrent.added
// (or deleted, if asked); a file that is not a torrent is renamed NAME.torrent.invalid.
#pragma once

#include <filesystem>

#include "shoal/session.h"

namespace shoal::cli {

class WatchFolder {
public:
    WatchFolder(std::filesystem::path dir, bool deleteAdded) : dir_(std::move(dir)), delete_(deleteAdded) {}
    // Adds what is there now; returns how many were added. Files changed in the last second are left for
    // the next scan (they may still be being written).
    int scan(Session& session);

private:
    std::filesystem::path dir_;
    bool delete_;
};

}  // namespace shoal::cli
