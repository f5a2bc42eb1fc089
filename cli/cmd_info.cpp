// `shoal info TORRENT|MAGNET`: what a .torrent or a magnet says, as text or one JSON document.
#include <ctime>
#include <iostream>

#include "commands.h"
#include "exit_codes.h"
#include "output.h"
#include "shoal/add_request.h"
#include "shoal/metainfo.h"

namespace shoal::cli {

namespace {

struct InfoArgs {
    std::string source;
    bool json = false;
};

nlohmann::json toJson(const TorrentSummary& s) {
    nlohmann::json files = nlohmann::json::array();
    for (const auto& f : s.files) files.push_back({{"index", f.index}, {"path", f.path}, {"bytes", f.size}});
    return {{"name", s.name},
            {"info_hash_v1", s.hashes.v1},
            {"info_hash_v2", s.hashes.v2},
            {"has_metadata", s.hasMetadata},
            {"bytes", s.totalSize},
            {"piece_size", s.pieceSize},
            {"pieces", s.numPieces},
            {"private", s.isPrivate},
            {"comment", s.comment},
            {"created_by", s.createdBy},
            {"creation_date", s.creationDate},
            {"files", files},
            {"trackers", s.trackerTiers},
            {"web_seeds", s.webSeeds},
            {"magnet", s.magnetUri}};
}

void printHuman(const TorrentSummary& s) {
    std::cout << "name:         " << s.name << '\n';
    if (!s.hashes.v1.empty()) std::cout << "info-hash v1: " << s.hashes.v1 << '\n';
    if (!s.hashes.v2.empty()) std::cout << "info-hash v2: " << s.hashes.v2 << '\n';
    if (s.hasMetadata) {
        std::cout << "size:         " << humanBytes(static_cast<double>(s.totalSize)) << " (" << s.totalSize
                  << " bytes)\n";
        std::cout << "pieces:       " << s.numPieces << " of " << humanBytes(static_cast<double>(s.pieceSize)) << '\n';
        std::cout << "private:      " << (s.isPrivate ? "yes" : "no") << '\n';
        if (!s.comment.empty()) std::cout << "comment:      " << s.comment << '\n';
        if (!s.createdBy.empty()) std::cout << "created by:   " << s.createdBy << '\n';
        if (s.creationDate > 0) {
            const std::time_t t = static_cast<std::time_t>(s.creationDate);
            // A torrent may claim any date; gmtime has no answer for a year past what a tm can hold.
            char date[64];
            if (const std::tm* utc = std::gmtime(&t);
                utc && std::strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S UTC", utc) > 0)
                std::cout << "created:      " << date << '\n';
            else
                std::cout << "created:      " << s.creationDate << " s after 1970 (not a calendar date)\n";
        }
        std::cout << "files:        " << s.files.size() << '\n';
        for (const auto& f : s.files)
            std::cout << "  " << f.path << "  (" << humanBytes(static_cast<double>(f.size)) << ")\n";
    } else {
        std::cout << "metadata:     not in a magnet link; it comes from peers\n";
    }
    for (std::size_t tier = 0; tier < s.trackerTiers.size(); ++tier)
        for (const auto& url : s.trackerTiers[tier]) std::cout << "tracker:      [tier " << tier << "] " << url << '\n';
    for (const auto& url : s.webSeeds) std::cout << "web seed:     " << url << '\n';
    std::cout << "magnet:       " << s.magnetUri << '\n';
}

int runInfo(const InfoArgs& a) {
    Output out(a.json, false);
    auto parsed = parseTorrentSource(a.source);
    if (!parsed) return out.fail(kBadInput, parsed.error().message);
    // The request as download would use it (trimmed, lowercased), never the raw argument.
    auto summary = summarizeRequest(parsed.value());
    if (!summary) return out.fail(kBadInput, summary.error().message);
    if (a.json)
        std::cout << jsonText(toJson(summary.value()), 2) << '\n';
    else printHuman(summary.value());
    return kOk;
}

}  // namespace

void addInfoCommand(CLI::App& app, std::function<int()>& run) {
    auto args = std::make_shared<InfoArgs>();
    CLI::App* c = app.add_subcommand("info", "Show what a .torrent file or a magnet link says");
    c->add_option("source", args->source, "A .torrent file, a magnet link or an info-hash")
        ->type_name("TORRENT|MAGNET|HASH")->required();
    c->add_flag("--json", args->json, "Print one JSON document");
    c->callback([args, &run] { run = [args] { return runInfo(*args); }; });
}

}  // namespace shoal::cli
