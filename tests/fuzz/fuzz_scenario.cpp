// Fuzz target: the swarm lab's scenario parser (swarm/src/scenario_parse.cpp), which reads files users
// write and share. Every issue it finds is formatted as the CLI prints it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shoal/swarm/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const shoal::swarm::ParsedScenario parsed = shoal::swarm::parseScenario(text);
    for (const auto& issue : parsed.issues) (void)shoal::swarm::formatIssue("scenario.json", issue);
    if (parsed.ok()) {
        (void)parsed.scenario.peerCount();
        (void)parsed.scenario.leecherCount();
    }
    return 0;
}
