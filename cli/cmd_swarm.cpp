// `shoal swarm run SCENARIO.json` and `shoal swarm validate SCENARIO.json`: the swarm lab's front end.
// Exit codes: 0 ok, 1 runtime failure or interrupted, 3 invalid scenario, 4 the scenario's expectations
// did not hold.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "commands.h"
#include "exit_codes.h"
#include "output.h"
#include "shoal/swarm/lab.h"
#include "shoal/swarm/peer.h"
#include "signals.h"

namespace shoal::cli {
namespace {

constexpr int kExpectationsFailed = 4;

struct SwarmArgs {
    std::string scenario;
    std::string out;
    std::string work;
    bool json = false;
    bool processes = false;
    bool netns = false;
};

// Every issue on its own line (an editor jumps to FILE:LINE:COLUMN); 3 if there was any.
int reportIssues(Output& out, const std::string& file, const swarm::ParsedScenario& parsed) {
    nlohmann::json issues = nlohmann::json::array();
    for (const auto& issue : parsed.issues) {
        std::cerr << "shoal: " << swarm::formatIssue(file, issue) << '\n';
        issues.push_back({{"pointer", issue.pointer}, {"line", issue.line}, {"column", issue.column},
                          {"message", issue.message}});
    }
    out.event({{"event", "invalid"}, {"file", file}, {"issues", issues}});
    return kBadInput;
}

int runValidate(const SwarmArgs& a) {
    Output out(a.json, false);
    const auto parsed = swarm::loadScenarioFile(a.scenario);
    if (!parsed.ok()) return reportIssues(out, a.scenario, parsed);
    const auto& s = parsed.scenario;
    out.event({{"event", "valid"}, {"file", a.scenario}, {"name", s.name}, {"peers", s.peerCount()},
               {"leechers", s.leecherCount()}, {"discovery", swarm::toString(s.discovery)}});
    out.line(a.scenario + ": valid (" + s.name + ", " + std::to_string(s.peerCount()) + " peers, " +
             std::to_string(s.leecherCount()) + " leechers, " + swarm::toString(s.discovery) + " discovery)");
    return kOk;
}

std::string progressText(const nlohmann::json& e) {
    char line[160];
    std::snprintf(line, sizeof line, "swarm %6.1f s  complete %d/%d  online %d  down %s/s  up %s/s",
                  e.value("t", 0.0), e.value("complete", 0), e.value("leechers", 0), e.value("online", 0),
                  humanBytes(e.value("download_rate", 0.0)).c_str(), humanBytes(e.value("upload_rate", 0.0)).c_str());
    return line;
}

int runSwarm(const SwarmArgs& a) {
    Output out(a.json, false);
    const auto parsed = swarm::loadScenarioFile(a.scenario);
    if (!parsed.ok()) return reportIssues(out, a.scenario, parsed);
    installStopSignals();
    swarm::LabOptions options;
    options.outDir = a.out.empty() ? std::filesystem::path("swarm-" + parsed.scenario.name) : std::filesystem::path(a.out);
    options.workDir = a.work;
    options.shouldStop = [] { return stopRequested(); };
    options.processes = a.processes;
    options.netns = a.netns;
    // Peer processes are this very program (`shoal swarm peer`).
    std::error_code ec;
    options.peerProgram = std::filesystem::read_symlink("/proc/self/exe", ec);
    options.onEvent = [&out](const nlohmann::json& e) {
        out.event(e);
        if (e.value("event", "") == "progress") out.progress(progressText(e));
    };
    auto outcome = swarm::runLab(parsed.scenario, options);
    out.endProgress();
    if (!outcome) return out.fail(exitCodeFor(outcome.error()) == kBadInput ? kBadInput : kFailure, outcome.error().message);
    const auto& r = outcome->report;
    const auto& sw = r["swarm"];
    out.line(std::to_string(sw["completed"].get<int>()) + " of " + std::to_string(sw["leechers"].get<int>()) +
             " leechers complete in " + r["duration_seconds"].dump() + " s (" + r["stop_reason"].get<std::string>() +
             "); first copy " + sw["time_to_first_copy"].dump() + " s, all " + sw["time_to_all_complete"].dump() +
             " s; hash failures " + sw["hash_failures"].dump() + ", bans " + sw["peers_banned"].dump());
    out.line("report: " + outcome->reportJson.string() + ", " + outcome->reportHtml.string());
    if (r["stop_reason"] == "interrupted") return out.fail(kFailure, "interrupted; the report covers the run so far");
    if (!outcome->expectationsHeld) {
        for (const auto& f : outcome->failures) std::cerr << "shoal: expectation failed: " << f << '\n';
        return kExpectationsFailed;
    }
    return kOk;
}

}  // namespace

void addSwarmCommand(CLI::App& app, std::function<int()>& run) {
    CLI::App* swarm = app.add_subcommand("swarm", "The swarm lab: run scripted swarms of many peers on loopback");
    swarm->require_subcommand(1);

    auto runArgs = std::make_shared<SwarmArgs>();
    CLI::App* r = swarm->add_subcommand("run", "Run a scenario; exit 4 if its expectations do not hold");
    r->add_option("scenario", runArgs->scenario, "The scenario (see swarm/SCENARIO.md)")->type_name("SCENARIO.json")->required();
    r->add_option("--out", runArgs->out, "Folder for report.json, report.html, events.ndjson (default: swarm-NAME)")
        ->type_name("DIR");
    r->add_option("--work", runArgs->work, "Folder for payload, profiles and downloads (default: a temp folder, removed)")
        ->type_name("DIR");
    r->add_flag("--json", runArgs->json, "Print events as NDJSON on stdout");
    r->add_flag("--processes", runArgs->processes,
                "Run each shoal peer as its own process (realism; the lab survives a peer's crash)");
    r->add_flag("--netns", runArgs->netns,
                "Each peer in its own network namespace on the lab's bridge, with the groups' link shaping "
                "(root only; implies --processes)");
    r->callback([runArgs, &run] { run = [runArgs] { return runSwarm(*runArgs); }; });

    auto validateArgs = std::make_shared<SwarmArgs>();
    CLI::App* v = swarm->add_subcommand("validate", "Check a scenario; errors name FILE:LINE:COLUMN");
    v->add_option("scenario", validateArgs->scenario, "The scenario")->type_name("SCENARIO.json")->required();
    v->add_flag("--json", validateArgs->json, "Print one JSON line: valid or invalid with the issues");
    v->callback([validateArgs, &run] { run = [validateArgs] { return runValidate(*validateArgs); }; });

    // One peer of `run --processes`, started by the lab with pipes (swarm/src/peer_protocol.h): not for people.
    CLI::App* peer = swarm->add_subcommand("peer", "A lab peer process (started by 'swarm run --processes')");
    peer->group("");
    peer->callback([&run] { run = [] { return swarm::runPeerProcess(); }; });
}

}  // namespace shoal::cli
