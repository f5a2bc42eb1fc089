// Other BitTorrent clients as peers of a loopback swarm: aria2c and transmission-cli command lines, their
// set-up, and bounded polls for what they do not announce on their output (a tracker's scrape, a file).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "support/process.h"

namespace shoal::test {

// Polls `condition` every `every` until it holds or `timeout` passes. Only for conditions nothing signals
// (a file on disk, a tracker's counters).
inline bool pollUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout,
                      std::chrono::milliseconds every = std::chrono::milliseconds(200)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (condition()) return true;
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(every);
    }
}

inline ProcessOptions optionsFor(std::vector<std::string> argv) {
    ProcessOptions options;
    options.argv = std::move(argv);
    return options;
}

// aria2c with everything but the tracker turned off; `ip` is bound for listening and connecting, so the
// tracker records the peer under it.
inline std::vector<std::string> aria2cArgs(const std::string& ip, int port,
                                           const std::filesystem::path& dir) {
    return {"aria2c",
            "--no-conf",
            "--enable-dht=false",
            "--enable-dht6=false",
            "--disable-ipv6=true",
            "--bt-enable-lpd=false",
            "--enable-peer-exchange=false",
            "--file-allocation=none",
            "--interface=" + ip,
            "--listen-port=" + std::to_string(port),
            "--dir=" + dir.string(),
            "--summary-interval=0",
            "--console-log-level=warn",
            "--allow-overwrite=true",
            "--auto-save-interval=0"};
}

// transmission-cli reads settings.json from its config dir: turn off its discovery, pin its address.
// Encryption "preferred" (1) still accepts plain-text peers. Message level 3 (debug) logs the end of its
// verification, after which it accepts peers for the torrent (see transmissionReady).
inline void writeTransmissionSettings(const std::filesystem::path& configDir, const std::string& ip) {
    std::filesystem::create_directories(configDir);
    std::ofstream(configDir / "settings.json") << "{\n"
                                               << "  \"bind-address-ipv4\": \"" << ip << "\",\n"
                                               << "  \"bind-address-ipv6\": \"::1\",\n"
                                               << "  \"dht-enabled\": false,\n"
                                               << "  \"lpd-enabled\": false,\n"
                                               << "  \"pex-enabled\": false,\n"
                                               << "  \"utp-enabled\": false,\n"
                                               << "  \"port-forwarding-enabled\": false,\n"
                                               << "  \"rpc-enabled\": false,\n"
                                               << "  \"encryption\": 1,\n"
                                               << "  \"speed-limit-up-enabled\": false,\n"
                                               << "  \"speed-limit-down-enabled\": false,\n"
                                               << "  \"ratio-limit-enabled\": false,\n"
                                               << "  \"message-level\": 3\n"
                                               << "}\n";
}

inline std::vector<std::string> transmissionArgs(const std::filesystem::path& configDir, int port,
                                                 const std::filesystem::path& downloadDir,
                                                 const std::filesystem::path& torrent) {
    return {"transmission-cli",
            "-g",
            configDir.string(),
            "-w",
            downloadDir.string(),
            "-p",
            std::to_string(port),
            "-M",
            "-D",
            "-U",
            torrent.string()};
}

// transmission-cli has verified the torrent's data (with or without any) and takes part in the swarm. It says
// so only on stderr, as one of its '\r'-separated lines: poll for it.
inline bool transmissionReady(Process& transmission, std::chrono::milliseconds timeout) {
    return pollUntil(
        [&] { return transmission.stderrText().find("Verification is done") != std::string::npos; }, timeout,
        std::chrono::milliseconds(100));
}

// One HTTP/1.0 GET to `ip:port` for `target`; the whole response, or empty on any failure.
inline std::string httpGet(const std::string& ip, int port, const std::string& target) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return {};
    timeval tv{2, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    ::inet_pton(AF_INET, ip.c_str(), &addr.sin_addr);
    std::string response;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
        const std::string request = "GET " + target + " HTTP/1.0\r\nHost: " + ip + "\r\n\r\n";
        if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
            static_cast<ssize_t>(request.size())) {
            char buffer[4096];
            for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) response.append(buffer, n);
        }
    }
    ::close(fd);
    return response;
}


// Seeders ("complete") the tracker counts for a v1 hash, from its scrape; -1 if it did not answer.
inline int trackerSeeders(const std::string& ip, int port, const std::string& v1Hex) {
    std::string escaped;
    for (std::size_t i = 0; i + 1 < v1Hex.size(); i += 2) escaped += "%" + v1Hex.substr(i, 2);
    const std::string response = httpGet(ip, port, "/scrape?info_hash=" + escaped);
    std::smatch m;
    if (!std::regex_search(response, m, std::regex("8:completei(\\d+)e"))) return -1;
    return std::stoi(m[1].str());
}

}  // namespace shoal::test
