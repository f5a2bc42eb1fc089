// Shared pieces of test set-up: temp dirs, payload files, loopback settings, free ports.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "shoal/settings.h"
#include "shoal/swarm/host_tools.h"

namespace shoal::test {

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it when the object goes away.
class TempDir {
public:
    explicit TempDir(const std::string& prefix = "shoal-test");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// Writes `size` pseudo-random bytes from `seed` (same seed, same bytes).
void writeRandomFile(const std::filesystem::path& file, std::int64_t size, std::uint64_t seed);
// Hex SHA-256 of a file (compares downloads with their source): the swarm lab's, which verifies copies.
inline std::string sha256File(const std::filesystem::path& file) { return swarm::sha256OfFile(file); }

// Settings for a peer of a local swarm on `ip` (127.0.0.N): listens on ip:0, leaves from ip, TCP only,
// no DHT/LSD/UPnP/PEX unless a test turns them on. See docs/libtorrent-notes.md.
Settings loopbackSettings(const std::string& ip);
// The same network choices applied to `s` alone: an override that leaves the stored limits and paths as
// they are, as a daemon's command-line overrides do.
void useLoopback(Settings& s, const std::string& ip);

// A TCP port free on `ip` right now, and whether something accepts on ip:port: the lab's probes.
using swarm::freePort;
using swarm::tcpPortOpen;

}  // namespace shoal::test
