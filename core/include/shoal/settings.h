// The typed session settings: one struct with defaults and validation. It is mapped to libtorrent's
// settings_pack in exactly one place (core/engine/settings_mapping.cpp) and persisted as JSON in the
// library (core/engine/settings_json.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shoal/types.h"

namespace shoal {

enum class EncryptionPolicy { Prefer, Require, Disable };

struct Settings {
    // Network
    std::string listenInterfaces = "0.0.0.0:6881,[::]:6881";  // libtorrent syntax; port 0 picks one
    std::string outgoingInterfaces;  // empty: the OS chooses; swarms on 127.0.0.N set their own address
    bool enableTcp = true;
    bool enableUtp = true;
    // Initiate uTP ourselves. Off by default: libtorrent tries uTP before TCP with every peer, and a
    // TCP-only peer then costs ~4 s (measured on loopback). Incoming uTP stays on with enableUtp.
    bool utpOutgoing = false;
    EncryptionPolicy encryption = EncryptionPolicy::Prefer;
    bool allowMultipleConnectionsPerIp = false;
    int connectionsLimit = 500;

    // Discovery
    bool enableDht = true;
    std::vector<std::string> dhtBootstrapNodes = {"dht.libtorrent.org:25401", "router.bittorrent.com:6881",
                                                  "router.utorrent.com:6881", "dht.transmissionbt.com:6881"};
    // How often each torrent asks the DHT for peers again (libtorrent's dht_announce_interval). The
    // default 15 min suits the internet; a loopback swarm lab sets seconds, so that a peer that asked
    // before the seeder had announced is not left alone for 15 minutes.
    int dhtAnnounceIntervalSeconds = 15 * 60;
    bool enableLsd = true;
    bool enablePex = true;
    bool enableUpnp = true;    // UPnP and NAT-PMP together
    bool announceToAllTrackers = false;

    // Speed (bytes/s, 0 = unlimited). Limits apply to local and LAN peers too.
    int downloadLimit = 0;
    int uploadLimit = 0;
    // Alternative limits ("turtle mode"), in force when altSpeedEnabled, or by the schedule: from
    // altSpeedBeginMinute to altSpeedEndMinute (minutes after local midnight; a window may cross
    // midnight) on the days in altSpeedDays (bit 0 Sunday .. bit 6 Saturday, as Transmission's RPC).
    int altDownloadLimit = 0;
    int altUploadLimit = 0;
    bool altSpeedEnabled = false;
    bool altSpeedScheduled = false;
    int altSpeedBeginMinute = 22 * 60;
    int altSpeedEndMinute = 6 * 60;
    int altSpeedDays = 0x7f;

    // Queueing
    bool queueingEnabled = true;
    int activeDownloads = 3;
    int activeSeeds = 5;
    int activeLimit = 500;

    // Seeding goals applied to torrents without their own (nullopt = none)
    std::optional<double> seedRatioGoal;
    std::optional<std::int64_t> seedTimeGoalSeconds;

    // Storage and persistence
    std::string defaultSavePath;      // empty: the user's Downloads folder
    // Non-empty: torrents added without an explicit save path download here and move to their save
    // path when they finish (qBittorrent's "keep incomplete torrents in").
    std::string incompleteSavePath;
    int resumeSaveIntervalSeconds = 10;

    // Engine tuning (see docs/libtorrent-notes.md, measured on loopback)
    int aioThreads = 4;
    int hashingThreads = 2;
    int maxQueuedDiskBytes = 16 * 1024 * 1024;
    int alertQueueSize = 10000;

    // Identity sent to peers and trackers
    std::string peerFingerprint = "-SH0100-";
    std::string userAgent = "Shoal/0.1.0";

    bool operator==(const Settings&) const = default;
};

// True if the alternative limits are in force at `unixSeconds`, local time (schedule or switch).
bool altSpeedActive(const Settings& settings, std::int64_t unixSeconds);

// Checks ranges and syntax; the message names the first bad field.
Result<void> validate(const Settings& settings);

// Round trip through JSON text for the library; unknown keys are ignored and missing keys keep defaults,
// so old libraries load in new versions.
std::string settingsToJson(const Settings& settings);
Result<Settings> settingsFromJson(const std::string& json);

}  // namespace shoal
