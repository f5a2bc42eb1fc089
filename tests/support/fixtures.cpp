// Test set-up helpers: temp dirs, reproducible random payloads, file hashes, loopback swarm settings.
#include "support/fixtures.h"

#include <libtorrent/hasher.hpp>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sys/socket.h>
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

std::string sha256File(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return {};
    lt::hasher256 hasher;
    std::vector<char> buf(1 << 20);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        if (in.gcount() > 0) hasher.update(buf.data(), static_cast<int>(in.gcount()));
    }
    const auto digest = hasher.final();
    static const char digits[] = "0123456789abcdef";
    std::string hex;
    for (char c : digest) {
        hex += digits[(static_cast<unsigned char>(c) >> 4) & 15];
        hex += digits[static_cast<unsigned char>(c) & 15];
    }
    return hex;
}

Settings loopbackSettings(const std::string& ip) {
    Settings s;
    s.listenInterfaces = ip + ":0";
    s.outgoingInterfaces = ip;
    s.enableUtp = false;  // uTP runs at ~13 MB/s on loopback (LIBTORRENT-NOTES)
    s.enableDht = false;
    s.enableLsd = false;
    s.enableUpnp = false;
    s.enablePex = false;
    s.dhtBootstrapNodes.clear();
    s.allowMultipleConnectionsPerIp = true;
    s.queueingEnabled = false;
    return s;
}

int freePort(const std::string& ip) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return 0;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    ::inet_pton(AF_INET, ip.c_str(), &addr.sin_addr);
    addr.sin_port = 0;
    int port = 0;
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

bool tcpPortOpen(const std::string& ip, int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    ::inet_pton(AF_INET, ip.c_str(), &addr.sin_addr);
    const bool open = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return open;
}

}  // namespace shoal::test
