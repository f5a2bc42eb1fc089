// Test set-up helpers: temp dirs, reproducible random payloads, file hashes, loopback swarm settings.
#include "support/fixtures.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace shoal::test {

namespace fs = std::filesystem;

TempDir::TempDir(const std::string& prefix) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = (fs::path(tmp && *tmp ? tmp : "/tmp") / (prefix + ".XXXXXX")).string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed for " + pattern);
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

void writeRandomFile(const fs::path& file, std::int64_t size, std::uint64_t seed) {
    if (file.has_parent_path()) fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    std::vector<std::uint64_t> buf(1 << 17);  // 1 MiB
    std::uint64_t state = seed * 0x9E3779B97F4A7C15ull + 1;
    std::int64_t left = size;
    while (left > 0) {
        for (auto& word : buf) {  // splitmix64: fast, and the same bytes for the same seed
            std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
            word = z ^ (z >> 31);
        }
        const auto n = static_cast<std::streamsize>(std::min<std::int64_t>(left, static_cast<std::int64_t>(buf.size() * 8)));
        out.write(reinterpret_cast<const char*>(buf.data()), n);
        left -= n;
    }
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

Settings loopbackSettings(const std::string& ip) {
    Settings s;
    useLoopback(s, ip);
    return s;
}

void useLoopback(Settings& s, const std::string& ip) {
    s.listenInterfaces = ip + ":0";
    s.outgoingInterfaces = ip;
    s.enableUtp = false;  // uTP runs at ~13 MB/s on loopback (docs/libtorrent-notes.md)
    s.enableDht = false;
    s.enableLsd = false;
    s.enableUpnp = false;
    s.enablePex = false;
    s.dhtBootstrapNodes.clear();
    s.allowMultipleConnectionsPerIp = true;
    s.queueingEnabled = false;
}

}  // namespace shoal::test
