// The swarm lab's runner: brings up every peer of a scenario on its own loopback address, drives joins,
// churn and faults on a timeline, samples progress, and writes the report (report.json, report.html,
// events.ndjson) into the output folder.
//
// Threads: runLab() runs on the caller's thread and returns when the scenario stops; onEvent is called
// on that thread. shouldStop() returning true ends the run early (the report is still written).
#pragma once

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "shoal/swarm/scenario.h"
#include "shoal/types.h"

namespace shoal::swarm {

struct LabOptions {
    std::filesystem::path outDir;   // created if missing; report.json, report.html, events.ndjson
    std::filesystem::path workDir;  // payload, profiles, downloads; empty: a temp folder removed at the end
    std::function<void(const nlohmann::json&)> onEvent;  // each NDJSON event as it happens
    std::function<bool()> shouldStop;  // polled by the loop (e.g. a signal flag)
    // Shoal peers as separate processes (`PROGRAM swarm peer`, PROGRAM being the shoal executable)
    // instead of sessions in this process; a peer that crashes is reported and the run goes on.
    bool processes = false;
    std::filesystem::path peerProgram;
    // Every peer in its own network namespace on a bridge of the lab's, with the groups' link shaping
    // (needs root; implies processes). The scenario's `network.netns` asks for the same.
    bool netns = false;
};

struct LabOutcome {
    nlohmann::json report;
    bool expectationsHeld = true;          // true when the scenario has no expect block
    std::vector<std::string> failures;     // one line per expectation that did not hold
    std::filesystem::path reportJson;
    std::filesystem::path reportHtml;
};

// Errors: the lab could not start (payload, tracker, a peer that cannot listen). A swarm that does not
// complete is not an error: the report says so, and the expectations decide.
Result<LabOutcome> runLab(const Scenario& scenario, const LabOptions& options);

}  // namespace shoal::swarm
