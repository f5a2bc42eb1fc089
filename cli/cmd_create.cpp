// `shoal create PATH -o OUT.torrent`: hash on every core with a progress bar; OUT appears whole or not at all.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "commands.h"
#include "exit_codes.h"
#include "output.h"
#include "shoal/create.h"
#include "signals.h"

namespace shoal::cli {

namespace {

namespace fs = std::filesystem;

struct CreateArgs {
    std::string path;
    std::string out;
    bool v1 = false, v2 = false, hybrid = false;
    std::int64_t pieceSize = 0;
    std::vector<std::string> trackers;
    std::vector<std::string> webSeeds;
    bool isPrivate = false;
    std::string comment;
    std::string source;
    int threads = 0;
    bool force = false;
    bool json = false;
    bool quiet = false;
};

std::vector<std::string> splitTier(const std::string& text) {
    std::vector<std::string> urls;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find(',', start);
        std::string url = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!url.empty()) urls.push_back(url);
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return urls;
}

int runCreate(const CreateArgs& a) {
    Output out(a.json, a.quiet);
    std::error_code ec;
    if (!fs::exists(a.path, ec)) return out.fail(kBadInput, "no such file or folder: " + a.path);
    if (fs::exists(a.out, ec) && !a.force) return out.fail(kBadInput, a.out + " exists (use --force to replace it)");
    const fs::path outPath = fs::absolute(a.out);
    if (!fs::is_directory(outPath.parent_path(), ec))
        return out.fail(kBadInput, "no such directory for the output: " + outPath.parent_path().string());

    CreateRequest request;
    request.source = a.path;
    request.version = a.v1 ? TorrentVersion::V1 : a.v2 ? TorrentVersion::V2 : TorrentVersion::Hybrid;
    request.pieceSize = a.pieceSize;
    for (const auto& tier : a.trackers) request.trackerTiers.push_back(splitTier(tier));
    request.webSeeds = a.webSeeds;
    request.isPrivate = a.isPrivate;
    request.comment = a.comment;
    request.sourceTag = a.source;
    request.threads = a.threads;

    installStopSignals();
    std::atomic<bool> cancel{false};
    std::atomic<bool> done{false};
    // Ctrl-C cancels the hashing: a watcher turns the signal flag into the creator's cancel flag.
    std::thread watcher([&] {
        while (!done.load()) {
            if (stopRequested()) cancel.store(true);
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
    std::mutex progressMutex;
    auto lastEvent = std::chrono::steady_clock::now();
    auto onProgress = [&](const CreateProgress& p) {
        std::lock_guard lock(progressMutex);
        const auto now = std::chrono::steady_clock::now();
        if (now - lastEvent < std::chrono::milliseconds(250) && p.bytesHashed < p.totalBytes) return;
        lastEvent = now;
        out.event({{"event", "progress"}, {"bytes_hashed", p.bytesHashed}, {"bytes", p.totalBytes}});
        const double fraction = p.totalBytes > 0 ? static_cast<double>(p.bytesHashed) / static_cast<double>(p.totalBytes) : 1.0;
        char line[120];
        std::snprintf(line, sizeof line, "hashing %5.1f%%  %s of %s", fraction * 100,
                      humanBytes(static_cast<double>(p.bytesHashed)).c_str(),
                      humanBytes(static_cast<double>(p.totalBytes)).c_str());
        out.progress(line);
    };
    auto created = createTorrent(request, onProgress, &cancel);
    done.store(true);
    watcher.join();
    out.endProgress();
    if (!created) {
        const Error& e = created.error();
        if (e.code == ErrorCode::Cancelled) return out.fail(kFailure, "interrupted; nothing written");
        return out.fail(e.code == ErrorCode::InvalidArgument ? kUsage : exitCodeFor(e), e.message);
    }

    // Written beside the target and renamed over it, so OUT is never half a torrent.
    const fs::path temp = outPath.string() + ".part";
    {
        std::ofstream file(temp, std::ios::binary | std::ios::trunc);
        file.write(created->bytes.data(), static_cast<std::streamsize>(created->bytes.size()));
        file.close();
        if (!file) {
            fs::remove(temp, ec);
            return out.fail(kBadInput, "cannot write " + outPath.string());
        }
    }
    fs::rename(temp, outPath, ec);
    if (ec) {
        fs::remove(temp, ec);
        return out.fail(kBadInput, "cannot write " + outPath.string() + ": " + ec.message());
    }
    out.event({{"event", "created"},
               {"path", outPath.string()},
               {"name", created->name},
               {"info_hash_v1", created->hashes.v1},
               {"info_hash_v2", created->hashes.v2},
               {"bytes", created->totalSize},
               {"piece_size", created->pieceSize},
               {"pieces", created->numPieces},
               {"magnet", created->magnetUri}});
    out.line("created " + outPath.string() + ": " + created->name + ", " +
             humanBytes(static_cast<double>(created->totalSize)) + " in " + std::to_string(created->numPieces) +
             " pieces of " + humanBytes(static_cast<double>(created->pieceSize)));
    if (!created->hashes.v1.empty()) out.line("  info-hash v1: " + created->hashes.v1);
    if (!created->hashes.v2.empty()) out.line("  info-hash v2: " + created->hashes.v2);
    out.line("  magnet: " + created->magnetUri);
    return kOk;
}

}  // namespace

void addCreateCommand(CLI::App& app, std::function<int()>& run) {
    auto args = std::make_shared<CreateArgs>();
    CLI::App* c = app.add_subcommand("create", "Create a .torrent from a file or a folder");
    c->add_option("path", args->path, "The file or folder to share")->type_name("PATH")->required();
    c->add_option("-o,--output", args->out, "Where to write the .torrent")->type_name("FILE")->required();
    auto* v1 = c->add_flag("--v1", args->v1, "BitTorrent v1 only (for older clients)");
    auto* v2 = c->add_flag("--v2", args->v2, "BitTorrent v2 only");
    auto* hybrid = c->add_flag("--hybrid", args->hybrid, "v1 and v2 in one torrent (the default)");
    v1->excludes(v2)->excludes(hybrid);
    v2->excludes(hybrid);
    c->add_option("--piece-size", args->pieceSize, "Piece size in bytes (default: chosen from the size)")
        ->type_name("BYTES")
        ->check(kNotNegative);
    c->add_option("--tracker", args->trackers, "Tracker URL; each option is a tier, commas join URLs in one tier")
        ->type_name("URL[,URL...]");
    c->add_option("--web-seed", args->webSeeds, "Web seed URL (repeatable)")->type_name("URL");
    c->add_flag("--private", args->isPrivate, "Private torrent (no DHT, PEX, LSD)");
    c->add_option("--comment", args->comment, "Comment");
    c->add_option("--source", args->source, "Source tag (private trackers)");
    c->add_option("--threads", args->threads, "Hashing threads (default: every core)")
        ->type_name("N")
        ->check(kNotNegative);
    c->add_flag("--force", args->force, "Replace the output if it exists");
    c->add_flag("--json", args->json, "Print NDJSON events on stdout");
    c->add_flag("--quiet,-q", args->quiet, "Print only errors");
    c->callback([args, &run] { run = [args] { return runCreate(*args); }; });
}

}  // namespace shoal::cli
