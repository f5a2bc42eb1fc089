// Immutable snapshots handed to front ends. They hold values only: no libtorrent or database handles.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shoal/types.h"

namespace shoal {

struct TorrentStatus {
    TorrentId id = kNoTorrent;
    InfoHashes hashes;
    std::string name;
    std::string savePath;
    TorrentState state = TorrentState::Stopped;
    std::string error;  // set when state == Errored: one line, e.g. "files missing: /data/x.iso"
    bool hasMetadata = false;
    bool sequential = false;

    double progress = 0;                  // 0..1 of the wanted payload
    std::int64_t totalSize = 0;           // payload bytes of the whole torrent
    std::int64_t totalWanted = 0;         // payload bytes of the selected files
    std::int64_t totalWantedDone = 0;
    std::int64_t downloadedThisRun = 0;   // payload bytes received since this session added it
    std::int64_t uploadedThisRun = 0;
    std::int64_t allTimeDownloaded = 0;   // payload, across restarts
    std::int64_t allTimeUploaded = 0;
    std::int64_t wasted = 0;              // bytes discarded (hash failures, redundant)
    int hashFailures = 0;

    int downloadRate = 0;  // payload bytes/s
    int uploadRate = 0;
    int peers = 0;         // connected peers, seeds included
    int seeds = 0;         // connected seeds
    int swarmSeeds = -1;   // from trackers/scrape, -1 unknown
    int swarmPeers = -1;
    std::int64_t etaSeconds = -1;  // -1: unknown or not downloading
    double ratio = 0;

    int queuePosition = -1;  // -1: not queued (finished torrents, or queueing off)
    int downloadLimit = 0;   // per-torrent, bytes/s, 0 = unlimited
    int uploadLimit = 0;
    std::optional<double> ratioGoal;
    std::optional<std::int64_t> seedTimeGoalSeconds;
    std::int64_t activeSeconds = 0;
    std::int64_t seedingSeconds = 0;
    std::int64_t addedTime = 0;      // unix seconds
    std::int64_t completedTime = 0;  // unix seconds, 0 if never
    std::string category;
    std::vector<std::string> tags;
    // The tracker announced to (or, before any announce, the first in the torrent): what a tracker
    // filter groups by. Empty for a torrent without trackers.
    std::string tracker;

    bool operator==(const TorrentStatus&) const = default;
};

struct FileEntry {
    int index = 0;
    std::string path;  // relative to the save path, '/'-separated
    std::int64_t size = 0;
    std::int64_t downloaded = 0;
    FilePriority priority = FilePriority::Normal;
};

struct PeerInfo {
    std::string address;  // "ip:port"
    std::string client;
    std::string flags;    // qBittorrent-style letters: D d U u K ? I E e P X H L S
    std::string source;   // "tracker", "dht", "pex", "lsd", "incoming", "direct"
    double progress = 0;
    int downloadRate = 0;
    int uploadRate = 0;
    std::int64_t downloaded = 0;
    std::int64_t uploaded = 0;
    bool isSeed = false;
    bool utp = false;
    bool encrypted = false;
};

struct TrackerInfo {
    std::string url;
    int tier = 0;
    std::string status;   // "not contacted", "updating", "working", "error"
    std::string message;  // the tracker's last message or error
    int seeds = -1;
    int peers = -1;
    std::int64_t nextAnnounceSeconds = -1;
};

struct TorrentDetails {
    TorrentStatus status;
    std::string comment;
    std::string createdBy;
    std::int64_t creationDate = 0;
    bool isPrivate = false;
    std::string magnetUri;
    std::int64_t pieceSize = 0;
    int numPieces = 0;
    std::vector<bool> pieces;  // have-bitfield, numPieces long
    std::vector<int> availability;  // per piece, from connected peers (empty without metadata)
    std::vector<int> downloadingPieces;  // indices of pieces partly requested or received (the piece map)
    std::vector<FileEntry> files;
    std::vector<PeerInfo> peers;
    std::vector<TrackerInfo> trackers;
    std::vector<std::string> webSeeds;
};

// One day of traffic (payload bytes), from the library's daily history.
struct TrafficDay {
    std::string day;  // 'YYYY-MM-DD', UTC
    std::int64_t downloaded = 0;
    std::int64_t uploaded = 0;
    bool operator==(const TrafficDay&) const = default;
};

struct SessionTotals {
    int downloadRate = 0;  // payload bytes/s over all torrents
    int uploadRate = 0;
    std::int64_t downloadedThisRun = 0;
    std::int64_t uploadedThisRun = 0;
    std::int64_t allTimeDownloaded = 0;
    std::int64_t allTimeUploaded = 0;
    int dhtNodes = 0;
    int torrents = 0;
    int peers = 0;
    std::vector<std::string> listenEndpoints;  // "addr:port" actually bound (from listen_succeeded_alert)
};

}  // namespace shoal
