// `shoal --remote URL [--auth USER:PASS] list|add|pause|resume|remove|info|stats`: a daemon driven through
// RemoteSession, the same Session API the local commands use. (`shoal remote --remote URL ...` is the
// same command; main() turns the first form into the second.)
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "commands.h"
#include "exit_codes.h"
#include "output.h"
#include "shoal/remote_session.h"

namespace shoal::cli {

namespace {

struct RemoteArgs {
    std::string url;
    std::string auth;
    bool json = false;
    std::vector<std::string> sources;  // add
    std::string downloadDir;
    bool paused = false;
    std::vector<std::string> ids;  // pause/resume/remove/info ("all" for every torrent)
    bool deleteData = false;
};

nlohmann::json statusJson(const TorrentStatus& s) {
    return {{"id", s.id},
            {"name", s.name},
            {"info_hash_v1", s.hashes.v1},
            {"info_hash_v2", s.hashes.v2},
            {"state", toString(s.state)},
            {"error", s.error},
            {"progress", s.progress},
            {"bytes", s.totalWanted},
            {"bytes_done", s.totalWantedDone},
            {"download_rate", s.downloadRate},
            {"upload_rate", s.uploadRate},
            {"peers", s.peers},
            {"seeds", s.seeds},
            {"eta", s.etaSeconds},
            {"ratio", s.ratio},
            {"save_path", s.savePath},
            {"category", s.category},
            {"tags", s.tags}};
}

Result<std::vector<TorrentId>> selectIds(const Session& session, const std::vector<std::string>& given) {
    std::vector<TorrentId> ids;
    for (const std::string& text : given) {
        if (text == "all") {
            for (const auto& s : session.torrents()) ids.push_back(s.id);
            continue;
        }
        std::size_t used = 0;
        TorrentId id = 0;
        try {
            id = std::stoll(text, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != text.size() || id <= 0)
            return makeError(ErrorCode::InvalidArgument, "not a torrent id: " + text);
        ids.push_back(id);
    }
    return ids;
}

int list(RemoteSession& session, Output& out) {
    auto torrents = session.torrents();
    std::sort(torrents.begin(), torrents.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    if (out.json()) {
        nlohmann::json all = nlohmann::json::array();
        for (const auto& s : torrents) all.push_back(statusJson(s));
        std::cout << jsonText(nlohmann::json{{"torrents", all}}) << '\n';
        return kOk;
    }
    std::cout << fmt::format("{:>4}  {:>5}  {:>10}  {:>8}  {:>10}  {:>10}  {:>5}  {:<11}  {}\n", "ID", "Done",
                             "Size", "ETA", "Down", "Up", "Ratio", "State", "Name");
    for (const auto& s : torrents) {
        std::cout << fmt::format("{:>4}  {:>4.0f}%  {:>10}  {:>8}  {:>8}/s  {:>8}/s  {:>5.2f}  {:<11}  {}\n",
                                 s.id, s.progress * 100, humanBytes(static_cast<double>(s.totalWanted)),
                                 humanDuration(s.etaSeconds), humanBytes(s.downloadRate),
                                 humanBytes(s.uploadRate), s.ratio, toString(s.state), s.name);
    }
    return kOk;
}

int add(RemoteSession& session, const RemoteArgs& a, Output& out) {
    if (a.sources.empty()) return out.fail(kUsage, "add needs a .torrent file, magnet or info-hash");
    for (const std::string& source : a.sources) {
        auto request = parseTorrentSource(source);  // a file is read here and sent to the daemon
        if (!request) return out.fail(kBadInput, request.error().message);
        // The daemon takes absolute folders only; a relative one means "from here", as for download -o.
        request->savePath = a.downloadDir.empty() ? std::string() : std::filesystem::absolute(a.downloadDir).string();
        request->paused = a.paused;
        auto added = session.add(std::move(request.value()));
        if (!added) return out.fail(exitCodeFor(added.error()), added.error().message);
        const auto status = session.status(added.value());
        const std::string name = status ? status->name : source;
        if (out.json())
            std::cout << jsonText({{"event", "added"}, {"id", added.value()}, {"name", name}}) << '\n';
        else
            std::cout << "added " << added.value() << "  " << name << '\n';
    }
    return kOk;
}

int each(RemoteSession& session, const RemoteArgs& a, Output& out, const char* verb,
         const std::function<Result<void>(TorrentId)>& action) {
    auto ids = selectIds(session, a.ids);
    if (!ids) return out.fail(kUsage, ids.error().message);
    if (ids->empty()) return out.fail(kUsage, std::string(verb) + " needs torrent ids (or 'all')");
    for (TorrentId id : ids.value()) {
        if (auto done = action(id); !done) return out.fail(exitCodeFor(done.error()), done.error().message);
        if (out.json())
            std::cout << jsonText({{"event", verb}, {"id", id}}) << '\n';
        else
            std::cout << verb << " " << id << '\n';
    }
    return kOk;
}

int info(RemoteSession& session, const RemoteArgs& a, Output& out) {
    auto ids = selectIds(session, a.ids);
    if (!ids) return out.fail(kUsage, ids.error().message);
    for (TorrentId id : ids.value()) {
        auto d = session.details(id);
        if (!d) return out.fail(exitCodeFor(d.error()), d.error().message);
        const TorrentStatus& s = d->status;
        if (out.json()) {
            nlohmann::json doc = statusJson(s);
            nlohmann::json files = nlohmann::json::array(), trackers = nlohmann::json::array();
            for (const auto& f : d->files)
                files.push_back({{"index", f.index},
                                 {"path", f.path},
                                 {"bytes", f.size},
                                 {"bytes_done", f.downloaded},
                                 {"priority", static_cast<int>(f.priority)}});
            for (const auto& t : d->trackers)
                trackers.push_back({{"url", t.url}, {"tier", t.tier}, {"status", t.status}});
            doc["files"] = files;
            doc["trackers"] = trackers;
            doc["magnet"] = d->magnetUri;
            doc["pieces"] = d->numPieces;
            doc["piece_size"] = d->pieceSize;
            std::cout << jsonText(doc) << '\n';
            continue;
        }
        std::cout << "id:           " << s.id << "\nname:         " << s.name << '\n';
        if (!s.hashes.v1.empty()) std::cout << "info-hash v1: " << s.hashes.v1 << '\n';
        if (!s.hashes.v2.empty()) std::cout << "info-hash v2: " << s.hashes.v2 << '\n';
        std::cout << "state:        " << toString(s.state) << (s.error.empty() ? "" : " (" + s.error + ")")
                  << '\n'
                  << fmt::format("progress:     {:.1f}% of {}\n", s.progress * 100,
                                 humanBytes(static_cast<double>(s.totalWanted)))
                  << "save path:    " << s.savePath << '\n'
                  << "peers:        " << s.peers << " (" << s.seeds << " seeds)\n"
                  << fmt::format("ratio:        {:.2f}\n", s.ratio) << "files:        " << d->files.size()
                  << '\n';
        for (const auto& f : d->files)
            std::cout << "  " << f.path << "  (" << humanBytes(static_cast<double>(f.size)) << ")\n";
        for (const auto& t : d->trackers) std::cout << "tracker:      " << t.url << "  " << t.status << '\n';
    }
    return kOk;
}

int stats(RemoteSession& session, Output& out) {
    const SessionTotals t = session.totals();
    if (out.json()) {
        std::cout << jsonText({{"torrents", t.torrents},
                               {"peers", t.peers},
                               {"dht_nodes", t.dhtNodes},
                               {"download_rate", t.downloadRate},
                               {"upload_rate", t.uploadRate},
                               {"downloaded", t.downloadedThisRun},
                               {"uploaded", t.uploadedThisRun},
                               {"all_time_downloaded", t.allTimeDownloaded},
                               {"all_time_uploaded", t.allTimeUploaded},
                               {"listen", t.listenEndpoints}})
                  << '\n';
        return kOk;
    }
    std::cout << "torrents:     " << t.torrents << "\npeers:        " << t.peers
              << "\nDHT nodes:    " << t.dhtNodes << "\ndown/up:      " << humanBytes(t.downloadRate)
              << "/s / " << humanBytes(t.uploadRate) << "/s"
              << "\nthis run:     " << humanBytes(static_cast<double>(t.downloadedThisRun)) << " down, "
              << humanBytes(static_cast<double>(t.uploadedThisRun)) << " up"
              << "\nall time:     " << humanBytes(static_cast<double>(t.allTimeDownloaded)) << " down, "
              << humanBytes(static_cast<double>(t.allTimeUploaded)) << " up\n";
    for (const auto& e : t.listenEndpoints) std::cout << "listening:    " << e << '\n';
    return kOk;
}

int runRemote(const RemoteArgs& a, const std::string& command) {
    Output out(a.json, false);
    RemoteSessionOptions options;
    options.url = a.url;
    if (!a.auth.empty()) {
        const auto colon = a.auth.find(':');
        if (colon == std::string::npos) return out.fail(kUsage, "--auth wants USER:PASSWORD");
        options.username = a.auth.substr(0, colon);
        options.password = a.auth.substr(colon + 1);
    }
    options.pollMs = 60000;  // one-shot commands: the first read is all they need
    auto connected = RemoteSession::connect(options);
    if (!connected) return out.fail(kFailure, connected.error().message);
    RemoteSession& session = *connected.value();
    if (command == "list") return list(session, out);
    if (command == "add") return add(session, a, out);
    if (command == "info") return info(session, a, out);
    if (command == "stats") return stats(session, out);
    if (command == "pause")
        return each(session, a, out, "paused", [&](TorrentId id) { return session.pause(id); });
    if (command == "resume")
        return each(session, a, out, "resumed", [&](TorrentId id) { return session.resume(id); });
    if (command == "remove") {
        const RemoveMode mode = a.deleteData ? RemoveMode::DeleteData : RemoveMode::KeepData;
        return each(session, a, out, "removed", [&](TorrentId id) { return session.remove(id, mode); });
    }
    return out.fail(kUsage, "unknown remote command " + command);
}

}  // namespace

std::vector<std::string> rewriteRemoteArgs(int argc, char** argv) {
    std::vector<std::string> args(argv, argv + argc);
    if (argc > 1 && (std::strcmp(argv[1], "--remote") == 0 || std::strncmp(argv[1], "--remote=", 9) == 0))
        args.insert(args.begin() + 1, "remote");
    return args;
}

void addRemoteCommand(CLI::App& app, std::function<int()>& run) {
    auto args = std::make_shared<RemoteArgs>();
    CLI::App* c =
        app.add_subcommand("remote", "Drive a shoal daemon: shoal --remote URL [--auth USER:PASS] COMMAND");
    c->add_option("--remote", args->url, "The daemon's RPC: http://HOST:PORT[/transmission/rpc] or HOST:PORT")
        ->type_name("URL")
        ->required();
    c->add_option("--auth", args->auth, "User and password for the daemon's RPC")->type_name("USER:PASS");
    c->add_flag("--json", args->json, "Print JSON instead of text");
    c->require_subcommand(1);
    const auto command = [&](const char* name, const char* help) {
        CLI::App* sub = c->add_subcommand(name, help);
        sub->callback([args, &run, name = std::string(name)] {
            run = [args, name] { return runRemote(*args, name); };
        });
        return sub;
    };
    command("list", "List the daemon's torrents");
    command("stats", "Show the daemon's transfer totals");
    CLI::App* addCmd = command("add", "Add .torrent files (read here and sent), magnets or info-hashes");
    addCmd->add_option("source", args->sources, "TORRENT|MAGNET|HASH")->required();
    addCmd->add_option("--download-dir", args->downloadDir, "Save path on the daemon's machine")
        ->type_name("DIR");
    addCmd->add_flag("--paused", args->paused, "Add without starting");
    for (auto [name, help] : {std::pair{"pause", "Pause torrents"}, std::pair{"resume", "Resume torrents"},
                              std::pair{"info", "Show torrents' details"}}) {
        command(name, help)
            ->add_option("ids", args->ids, "Torrent ids, or 'all'")
            ->type_name("ID")
            ->required();
    }
    CLI::App* removeCmd = command("remove", "Remove torrents from the daemon");
    removeCmd->add_option("ids", args->ids, "Torrent ids, or 'all'")->type_name("ID")->required();
    removeCmd->add_flag("--delete-data", args->deleteData, "Also delete their downloaded data");
    for (CLI::App* sub : c->get_subcommands({}))
        sub->add_flag("--json", args->json, "Print JSON instead of text");
}

}  // namespace shoal::cli
