// Reading what a .torrent or a magnet says, without a session (shoal info, the add dialog).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "shoal/add_request.h"
#include "shoal/status.h"
#include "shoal/types.h"

namespace shoal {

// Every string here is valid UTF-8 (shoal/text.h): a summary is for showing and serialising.
struct TorrentSummary {
    std::string name;
    InfoHashes hashes;
    bool hasMetadata = false;       // false for a magnet
    std::int64_t totalSize = 0;
    std::int64_t pieceSize = 0;
    int numPieces = 0;
    bool isPrivate = false;
    std::string comment;
    std::string createdBy;
    std::int64_t creationDate = 0;
    std::vector<FileEntry> files;  // pad files left out
    std::vector<std::vector<std::string>> trackerTiers;
    std::vector<std::string> webSeeds;
    std::string magnetUri;
};

// The same verdict as parseTorrentSource (the same limits, the same messages).
Result<TorrentSummary> summarizeRequest(const AddRequest& request);  // a .torrent, a magnet or a hash
Result<TorrentSummary> summarizeTorrent(const std::vector<char>& torrentBytes);
Result<TorrentSummary> summarizeMagnet(const std::string& magnetUri);

}  // namespace shoal
