// Inputs from the outside world for the CLI's hostile-input tests (issue 17): torrents made with
// libtorrent (never hand-written bencode) whose text is not UTF-8 or whose file list is huge, and
// `shoal daemon` as a child process whose every stdout line must be JSON.
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <libtorrent/bencode.hpp>
#include <libtorrent/create_torrent.hpp>
#include <libtorrent/file_storage.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/shoal_process.h"

namespace shoal::test {

inline constexpr const char* kReplacementChar = "\xEF\xBF\xBD";  // U+FFFD

// A piece hash for torrents whose data is never read (libtorrent takes an all-zero hash as "not set").
inline lt::sha1_hash madeUpHash() { return lt::sha1_hash("made-up piece hash.."); }

inline std::vector<char> bencoded(const lt::entry& e) {
    std::vector<char> bytes;
    lt::bencode(std::back_inserter(bytes), e);
    return bytes;
}

// One 100-byte file; \xff (never valid in UTF-8) in the name, a file path, the tracker URL, a web seed,
// the comment and the creator. Piece hashes are made up: nothing is read.
inline std::vector<char> torrentWithInvalidUtf8() {
    lt::file_storage files;
    files.add_file("name\xff/file\xff.bin", 100);
    lt::create_torrent ct(files, 16 * 1024, lt::create_torrent::v1_only);
    ct.set_hash(lt::piece_index_t{0}, madeUpHash());
    ct.add_tracker("http://tracker\xff.invalid/announce");
    ct.add_url_seed("http://seed\xff.invalid/");
    ct.set_comment("comment \xff");
    ct.set_creator("creator \xff");
    return bencoded(ct.generate());
}

// A v1 torrent of `count` one-byte files, with made-up piece hashes (nothing is read or hashed).
inline std::vector<char> torrentWithFiles(int count) {
    lt::file_storage files;
    files.reserve(count);
    for (int i = 0; i < count; ++i) files.add_file("many/f" + std::to_string(i), 1);
    lt::create_torrent ct(files, 16 * 1024, lt::create_torrent::v1_only);
    for (lt::piece_index_t p{0}; p < lt::piece_index_t{ct.num_pieces()}; ++p) ct.set_hash(p, madeUpHash());
    return bencoded(ct.generate());
}

inline std::filesystem::path writeBytes(const std::filesystem::path& file, const std::vector<char>& bytes) {
    std::ofstream(file, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return file;
}

// `shoal daemon --foreground --json` on `profile`, its RPC on a port the kernel picks; HOME is `home`
// so that the default download folder stays in the test's sandbox.
class DaemonUnderTest {
public:
    DaemonUnderTest(const std::filesystem::path& profile, const std::filesystem::path& home,
                    const std::vector<std::string>& extra = {}) {
        ProcessOptions options;
        options.argv = concat({shoalBinary(), "daemon", "--foreground", "--rpc-bind", "127.0.0.1:0"},
                              loopbackArgs("127.0.0.1", profile));
        options.argv = concat(options.argv, extra);
        options.env["HOME"] = home.string();
        process_ = std::make_unique<Process>(std::move(options));
        auto line = process_->waitForLine(
            [](const std::string& l) { return l.find("\"rpc_listening\"") != std::string::npos; },
            std::chrono::seconds(30));
        if (!line) return;
        const auto event = nlohmann::json::parse(*line, nullptr, false);
        if (!event.is_discarded()) url_ = event.value("url", "");
    }

    bool up() const { return !url_.empty(); }
    Process& process() { return *process_; }

    // `shoal --remote URL ARGS...`
    RunResult remote(const std::vector<std::string>& args) {
        return runShoal(concat({"--remote", url_}, args), std::chrono::seconds(30));
    }

    // Reads stdout lines until one is an event named `name` (returned); nullopt at the deadline.
    std::optional<nlohmann::json> waitEvent(const std::string& name, std::chrono::milliseconds timeout) {
        auto line = process_->waitForLine(
            [&](const std::string& l) {
                const auto e = nlohmann::json::parse(l, nullptr, false);
                return !e.is_discarded() && e.is_object() && e.value("event", "") == name;
            },
            timeout);
        if (!line) return std::nullopt;
        return nlohmann::json::parse(*line);
    }

    // Every stdout line so far that is not one JSON object (empty when all are).
    std::vector<std::string> nonJsonLines() const {
        std::vector<std::string> bad;
        for (const auto& l : process_->linesSoFar()) {
            const auto e = nlohmann::json::parse(l, nullptr, false);
            if (e.is_discarded() || !e.is_object()) bad.push_back(l);
        }
        return bad;
    }

    std::string transcript() {
        std::string out = "--- stdout:\n";
        for (const auto& l : process_->linesSoFar()) out += l + "\n";
        return out + "--- stderr:\n" + process_->stderrText();
    }

private:
    std::unique_ptr<Process> process_;
    std::string url_;
};

}  // namespace shoal::test
