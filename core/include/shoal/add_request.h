// What a front end asks for when it adds a torrent. Exactly one of torrentBytes, magnetUri, infoHash is set.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "shoal/types.h"

namespace shoal {

struct AddRequest {
    std::vector<char> torrentBytes;  // a whole .torrent file (bencoded)
    std::string magnetUri;           // "magnet:?xt=urn:btih:..." or "...urn:btmh:1220..."
    std::string infoHash;            // 40 hex (v1) or 64 hex (v2)

    std::string savePath;            // empty: the settings' default save path
    bool paused = false;
    bool sequential = false;
    // Trust the data on disk without hashing it (seed at once). For seeding data one just created;
    // also how tests build a seeder with corrupt pieces.
    bool seedMode = false;
    std::vector<std::string> trackers;  // extra trackers, each its own tier
    std::vector<std::string> peers;     // "ip:port" to connect to directly
    std::vector<FilePriority> filePriorities;  // by file index; missing ones stay Normal
    std::string category;
    std::vector<std::string> tags;
    int downloadLimit = 0;  // bytes/s, 0 = unlimited
    int uploadLimit = 0;
    std::optional<double> ratioGoal;
    std::optional<std::int64_t> seedTimeGoalSeconds;
};

// What an add did: a new torrent, or the one already in the library with the same info-hash.
struct AddOutcome {
    TorrentId id = kNoTorrent;
    bool existed = false;
};

// Turns what a user typed (a .torrent path, a magnet URI, or a bare info-hash) into a request. Spaces
// and newlines around it are dropped. Errors are BadInput with one line naming the problem ("no such
// file: x.torrent", "not a usable info-hash: ... is all zeros", ...). Every way a torrent comes in goes
// through this verdict, so `info` and `download` (and the daemon, the GUI) accept and refuse alike.
Result<AddRequest> parseTorrentSource(const std::string& text);

// A .torrent file by path, with the same verdict; its size is checked before it is read (the watch
// folder's way in, where any file may turn up).
Result<AddRequest> readTorrentFile(const std::filesystem::path& file);

}  // namespace shoal
