// shoal: the headless front end. Parses the command line, runs one subcommand, returns its exit code.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <malloc.h>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "output.h"

namespace {

// A command line CLI11 refused: one line on stderr, and the "error" event when --json was asked for, so
// that a script reading events sees why nothing else came.
int usageError(int argc, char** argv, const std::string& message) {
    std::cerr << "shoal: " << message << '\n';
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]) == "--json") {
            // The message quotes the refused argument, which may be any bytes.
            std::cout << shoal::cli::jsonText(
                             {{"event", "error"}, {"code", shoal::cli::kUsage}, {"message", message}})
                      << '\n';
            break;
        }
    }
    return shoal::cli::kUsage;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace shoal::cli;
    // Before any thread starts: glibc gives each allocating thread an arena of its own (up to eight per
    // core), and what one thread frees in another's arena stays there. A daemon holding 10,000 torrents
    // settles at 87-94 MB instead of 95-100 MB with two, adding and listing as fast (bench/library.sh).
    ::mallopt(M_ARENA_MAX, 2);
    // libtorrent and the store log through spdlog; a CLI shows only warnings and errors on stderr.
    spdlog::set_level(spdlog::level::warn);
    spdlog::set_pattern("shoal: %v");

    CLI::App app{"Shoal: a BitTorrent client for power users, seedboxes and swarm tests", "shoal"};
    app.set_version_flag("--version", "shoal " SHOAL_VERSION);
    // Every command's options on one page: what help2man turns into the man page.
    app.set_help_all_flag("--help-all", "Print the help of every command and exit");
    app.require_subcommand(1);
    app.footer(
        "Exit codes: 0 ok, 1 runtime failure, 2 usage error, 3 bad input (file, magnet, hash, output dir).\n"
        "Run 'shoal COMMAND --help' for a command's options, 'shoal --help-all' for all of them.");
    std::function<int()> run;
    addCreateCommand(app, run);
    addInfoCommand(app, run);
    addDownloadCommand(app, run);
    addSeedCommand(app, run);
    addSwarmCommand(app, run);
    addDaemonCommand(app, run);
    addRemoteCommand(app, run);
    // `shoal --remote URL COMMAND` is `shoal remote --remote URL COMMAND` (cli/cmd_remote.cpp).
    std::vector<std::string> args = rewriteRemoteArgs(argc, argv);
    std::vector<char*> argPointers;
    for (auto& arg : args) argPointers.push_back(arg.data());
    try {
        app.parse(static_cast<int>(argPointers.size()), argPointers.data());
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // CLI11 calls a mistyped command "A subcommand is required"; name it instead.
        const std::string first = argc > 1 ? argv[1] : "";
        std::string names;
        bool known = false;
        for (const CLI::App* command : std::as_const(app).get_subcommands(nullptr)) {
            names += (names.empty() ? "" : ", ") + command->get_name();
            known = known || command->get_name() == first;
        }
        if (!first.empty() && first[0] != '-' && !known)
            return usageError(argc, argv, "unknown command '" + first + "' (commands: " + names + ")");
        if (argc == 1) return usageError(argc, argv, "a command is required (" + names + "); see 'shoal --help'");
        return usageError(argc, argv, e.what());
    }
    return run ? run() : kUsage;
}
