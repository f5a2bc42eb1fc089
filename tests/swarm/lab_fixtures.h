// What the swarm lab's end-to-end tests share: a scenario from inline JSON on a test's own 127.x range,
// and a run whose written report must equal the returned one and whose expectations must hold.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "shoal/swarm/lab.h"
#include "support/fixtures.h"

namespace shoal::test {

inline swarm::Scenario scenarioFrom(const std::string& text, const std::string& base) {
    auto parsed = swarm::parseScenario(text);
    EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.issues[0].message);
    parsed.scenario.baseAddress = base;
    return parsed.scenario;
}

// The report, or an empty object (after a test failure) if the lab could not run.
inline nlohmann::json runScenario(const swarm::Scenario& scenario, const TempDir& dir,
                                  swarm::LabOptions options = {}) {
    options.outDir = dir.path() / "out";
    options.workDir = dir.path() / "work";
    auto outcome = swarm::runLab(scenario, options);
    EXPECT_TRUE(outcome.ok()) << (outcome.ok() ? "" : outcome.error().message);
    if (!outcome.ok()) return nlohmann::json::object();
    // What was written is what was returned.
    std::ifstream in(outcome->reportJson);
    const nlohmann::json written = nlohmann::json::parse(in);
    EXPECT_EQ(written, outcome->report);
    EXPECT_GT(std::filesystem::file_size(outcome->reportHtml), 1000u);
    EXPECT_GT(std::filesystem::file_size(dir.path() / "out" / "events.ndjson"), 0u);
    EXPECT_TRUE(outcome->expectationsHeld) << written["expectations"].dump(2);
    return written;
}

}  // namespace shoal::test
