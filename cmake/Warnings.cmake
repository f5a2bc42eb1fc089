# One warning set for every Shoal target. Deprecations stay on: a deprecated call is something to replace.
# One that cannot be avoided is silenced at that one spot (a pragma push/pop with a comment saying why),
# never here for the whole project.
add_library(shoal_warnings INTERFACE)
target_compile_options(shoal_warnings INTERFACE -Wall -Wextra -Wpedantic)
