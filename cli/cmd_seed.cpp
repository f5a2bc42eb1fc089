// `shoal seed TORRENT --data PATH`: check the data, then seed until SIGINT/SIGTERM or a goal.
#include <filesystem>

#include "commands.h"
#include "exit_codes.h"
#include "session_options.h"
#include "shoal/metainfo.h"
#include "signals.h"
#include "torrent_run.h"
#include "transfer_report.h"

namespace shoal::cli {

namespace {

namespace fs = std::filesystem;

struct SeedArgs {
    std::string torrent;
    std::string data;
    double seedRatio = -1;
    std::int64_t seedTime = -1;
    SessionOptions session;
};

// PATH may be the folder that holds the torrent's file or top folder (libtorrent's save path), or that
// file or top folder itself.
std::string savePathFor(const fs::path& data, const std::string& torrentName) {
    const fs::path absolute = fs::absolute(data).lexically_normal();
    const fs::path trimmed = absolute.filename().empty() ? absolute.parent_path() : absolute;
    if (trimmed.filename() == torrentName) return trimmed.parent_path().string();
    return trimmed.string();
}

int runSeed(const SeedArgs& a) {
    Output out(a.session.json, a.session.quiet);
    if (const std::string problem = a.session.validate(); !problem.empty()) return out.fail(kUsage, problem);
    auto parsed = parseTorrentSource(a.torrent);
    if (!parsed) return out.fail(kBadInput, parsed.error().message);
    if (parsed->torrentBytes.empty()) return out.fail(kBadInput, "seed needs a .torrent file, not " + a.torrent);
    auto summary = summarizeTorrent(parsed->torrentBytes);
    if (!summary) return out.fail(kBadInput, summary.error().message);
    std::error_code ec;
    if (!fs::exists(a.data, ec)) return out.fail(kBadInput, "no such data: " + a.data);
    installStopSignals();

    auto opened = openSession(a.session, out);
    if (auto* code = std::get_if<int>(&opened)) return *code;
    auto& [session, events, address, port] = std::get<OpenedSession>(opened);

    AddRequest request = std::move(parsed.value());
    request.savePath = savePathFor(a.data, summary->name);
    request.peers = a.session.peers;
    request.trackers = a.session.trackers;
    auto added = addForThisRun(*session, *events, request);
    if (!added) return out.fail(exitCodeFor(added.error()), added.error().message);
    const TorrentId id = added.value();
    if (auto s = session->status(id)) out.event(addedEvent(*s));
    out.line("checking " + summary->name + " in " + request.savePath);

    SeedGoals goals(a.seedRatio >= 0 ? std::optional(a.seedRatio) : std::nullopt,
                    a.seedTime >= 0 ? std::optional(a.seedTime) : std::nullopt);
    bool seeding = false;
    auto nextReport = std::chrono::steady_clock::now();
    for (;;) {
        if (stopRequested()) {
            out.event({{"event", "stopped"}, {"reason", "signal"}});
            out.endProgress();
            session->shutdown();
            return kOk;
        }
        if (auto event = events->pop(std::chrono::milliseconds(200)); event && event->id == id) {
            if (event->type == EventType::Errored) {
                session->shutdown();
                return out.fail(kFailure, event->message);
            }
            if (event->type == EventType::PeerBanned) out.event({{"event", "peer_banned"}, {"peer", event->message}});
            if (event->type == EventType::GoalReached) {  // a goal from the library's settings
                out.event({{"event", "stopped"}, {"reason", "goal"}});
                out.line("seeding goal reached: " + event->message);
                session->shutdown();
                return kOk;
            }
        }
        if (std::chrono::steady_clock::now() < nextReport) continue;
        nextReport = std::chrono::steady_clock::now() + std::chrono::seconds(1);
        const auto s = session->status(id);
        if (!s) continue;
        if (resumeIfStopped(*session, *s, true)) continue;
        switch (s->state) {
            case TorrentState::Errored:
                session->shutdown();
                return out.fail(kFailure, s->error);
            case TorrentState::Downloading: {
                // The check is over and pieces are missing: this is not the torrent's data.
                auto details = session->details(id);
                int valid = 0;
                if (details) {
                    for (bool have : details->pieces) valid += have ? 1 : 0;
                }
                session->shutdown();
                return out.fail(kFailure, "data does not match the torrent: " + std::to_string(valid) + " of " +
                                              std::to_string(summary->numPieces) + " pieces are valid in " +
                                              request.savePath);
            }
            case TorrentState::Seeding:
                if (!seeding) {
                    seeding = true;
                    out.line("seeding " + summary->name + " on " + address + ":" + std::to_string(port));
                }
                reportSeeding(out, *s);
                if (const std::string goal = goals.reached(*s); !goal.empty()) {
                    out.event({{"event", "stopped"}, {"reason", "goal"}});
                    out.line("seeding goal reached: " + goal);
                    session->shutdown();
                    return kOk;
                }
                break;
            default: reportProgress(out, *s); break;
        }
    }
}

}  // namespace

void addSeedCommand(CLI::App& app, std::function<int()>& run) {
    auto args = std::make_shared<SeedArgs>();
    CLI::App* c = app.add_subcommand("seed", "Check a torrent's data and seed it until Ctrl-C");
    c->add_option("torrent", args->torrent, "The .torrent file")->type_name("TORRENT")->required();
    c->add_option("--data", args->data, "The folder holding the torrent's file or top folder, or that file/folder")
        ->type_name("PATH")
        ->required();
    c->add_option("--seed-ratio", args->seedRatio, "Stop at this upload ratio")
        ->type_name("R")->check(kNotNegative);
    c->add_option("--seed-time", args->seedTime, "Stop after seeding this many seconds (this run)")
        ->type_name("SECONDS")
        ->check(kNotNegative);
    args->session.addTo(*c);
    c->callback([args, &run] { run = [args] { return runSeed(*args); }; });
}

}  // namespace shoal::cli
