// The subcommands: each registers its options on the app and runs when chosen.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace shoal::cli {

// CLI11's NonNegativeNumber names DBL_MAX in its message; this one says it plainly.
inline const CLI::Validator kNotNegative(
    [](std::string& value) -> std::string {
        std::size_t used = 0;
        try {
            if (std::stod(value, &used) >= 0 && used == value.size()) return {};
        } catch (const std::exception&) {
        }
        return "'" + value + "' is not a number >= 0";
    },
    "");  // no ":NUMBER >= 0" after the option's type name in --help; the message says it

// Registers a subcommand; `run` is set to its runner, which returns the exit code.
void addCreateCommand(CLI::App& app, std::function<int()>& run);
void addInfoCommand(CLI::App& app, std::function<int()>& run);
void addDownloadCommand(CLI::App& app, std::function<int()>& run);
void addSeedCommand(CLI::App& app, std::function<int()>& run);
void addDaemonCommand(CLI::App& app, std::function<int()>& run);
void addRemoteCommand(CLI::App& app, std::function<int()>& run);
// argv with `remote` put before a leading --remote, so that `shoal --remote URL list` parses.
std::vector<std::string> rewriteRemoteArgs(int argc, char** argv);
void addSwarmCommand(CLI::App& app, std::function<int()>& run);

}  // namespace shoal::cli
