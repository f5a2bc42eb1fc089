// Torrent creation: v1, v2 or hybrid, hashed on all cores with progress and cancel.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "shoal/types.h"

namespace shoal {

enum class TorrentVersion { V1, V2, Hybrid };

struct CreateRequest {
    std::filesystem::path source;  // a file or a folder
    TorrentVersion version = TorrentVersion::Hybrid;
    std::int64_t pieceSize = 0;    // 0: chosen from the total size; v2/hybrid need a power of two >= 16 KiB
    std::vector<std::vector<std::string>> trackerTiers;  // tier -> URLs
    std::vector<std::string> webSeeds;
    bool isPrivate = false;
    std::string comment;
    std::string sourceTag;         // the info dict's "source" key (private trackers)
    std::string createdBy = "Shoal/0.1.0";
    bool setCreationDate = true;
    int threads = 0;               // 0: every core
};

struct CreateProgress {
    std::int64_t bytesHashed = 0;
    std::int64_t totalBytes = 0;
};

struct CreatedTorrent {
    std::vector<char> bytes;  // the .torrent file
    InfoHashes hashes;
    std::string name;
    std::int64_t totalSize = 0;
    std::int64_t pieceSize = 0;
    int numPieces = 0;
    int numFiles = 0;
    std::string magnetUri;
};

// onProgress is called from a hashing thread, at most every few MiB. Setting *cancel stops the work and
// returns ErrorCode::Cancelled.
Result<CreatedTorrent> createTorrent(const CreateRequest& request,
                                     const std::function<void(const CreateProgress&)>& onProgress = {},
                                     const std::atomic<bool>* cancel = nullptr);

}  // namespace shoal
