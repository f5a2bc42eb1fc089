// Fuzz target: torrent-source parsing, what `shoal info`, `shoal download`, the daemon and the watch folder
// read first. The first byte picks the path: even, .torrent bytes (as a file and as bytes); odd, text (a
// magnet link or a bare info-hash). Beyond "no crash": every way in gives one verdict on the same input
// (issue 17, item 12), and every string of an accepted summary is valid UTF-8 (item 2; metainfo.h).
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "shoal/add_request.h"
#include "shoal/metainfo.h"

namespace {

shoal::fuzz::ProcessTempDir& tempDir() {
    static shoal::fuzz::ProcessTempDir dir("shoal-fuzz-source");
    return dir;
}

void requireUtf8(const std::string& text, const char* what) {
    try {
        (void)nlohmann::json(text).dump();  // what `shoal info --json` does with it
    } catch (const nlohmann::json::exception&) {
        std::fprintf(stderr, "summary %s is not valid UTF-8\n", what);
        std::abort();
    }
}

void requireUtf8(const shoal::TorrentSummary& s) {
    requireUtf8(s.name, "name");
    requireUtf8(s.comment, "comment");
    requireUtf8(s.createdBy, "created by");
    requireUtf8(s.magnetUri, "magnet");
    for (const auto& file : s.files) requireUtf8(file.path, "file path");
    for (const auto& tier : s.trackerTiers)
        for (const auto& url : tier) requireUtf8(url, "tracker");
    for (const auto& url : s.webSeeds) requireUtf8(url, "web seed");
}

template <class A, class B>
void sameVerdict(const char* nameA, const shoal::Result<A>& a, const char* nameB, const shoal::Result<B>& b) {
    if (a.ok() == b.ok()) return;
    std::fprintf(stderr, "verdicts differ: %s %s, %s %s\n", nameA, a ? "accepts" : a.error().message.c_str(),
                 nameB, b ? "accepts" : b.error().message.c_str());
    std::abort();
}

void fuzzTorrentBytes(const std::vector<char>& bytes) {
    const auto file = tempDir().path() / "input.torrent";
    std::ofstream(file, std::ios::binary | std::ios::trunc)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    auto parsed = shoal::parseTorrentSource(file.string());  // `shoal info FILE`, `shoal download FILE`
    auto read = shoal::readTorrentFile(file);                // the watch folder
    auto summary = shoal::summarizeTorrent(bytes);           // the RPC's metainfo
    sameVerdict("parseTorrentSource", parsed, "readTorrentFile", read);
    sameVerdict("parseTorrentSource", parsed, "summarizeTorrent", summary);
    if (!parsed) return;
    if (parsed->torrentBytes != bytes) std::abort();  // read back whole, byte for byte
    auto request = shoal::summarizeRequest(parsed.value());
    sameVerdict("parseTorrentSource", parsed, "summarizeRequest", request);
    requireUtf8(summary.value());
    requireUtf8(request.value());
}

void fuzzText(const std::string& text) {
    if (auto magnet = shoal::summarizeMagnet(text)) requireUtf8(magnet.value());
    // Anything that is not a magnet or a hash is read as a path; the fuzzer must not wander the disk.
    std::string head = text.substr(0, 16);
    for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool magnetLike = head.find("magnet:") != std::string::npos;
    const bool hashLike = text.size() >= 40 && text.size() <= 80 && text.find('/') == std::string::npos;
    if (!magnetLike && !hashLike) return;
    auto parsed = shoal::parseTorrentSource(text);
    if (!parsed) return;
    // What `shoal info` does next: an accepted magnet or hash must summarize.
    auto summary = shoal::summarizeRequest(parsed.value());
    sameVerdict("parseTorrentSource", parsed, "summarizeRequest", summary);
    requireUtf8(summary.value());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const char* rest = reinterpret_cast<const char*>(data + 1);
    if (data[0] & 1)
        fuzzText(std::string(rest, size - 1));
    else
        fuzzTorrentBytes(std::vector<char>(rest, rest + size - 1));
    return 0;
}
