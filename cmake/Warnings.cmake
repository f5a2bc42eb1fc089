# One warning set for every Shoal target.
add_library(shoal_warnings INTERFACE)
target_compile_options(shoal_warnings INTERFACE -Wall -Wextra -Wpedantic -Wno-deprecated-declarations)
