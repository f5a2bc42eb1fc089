// The subcommands: each registers its options on the app and runs when chosen.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace shoal::cli {

// Registers a subcommand; `run` is set to its runner, which returns the exit code.
void addCreateCommand(CLI::App& app, std::function<int()>& run);
void addInfoCommand(CLI::App& app, std::function<int()>& run);
void addDownloadCommand(CLI::App& app, std::function<int()>& run);
void addSeedCommand(CLI::App& app, std::function<int()>& run);

}  // namespace shoal::cli
