# Sanitizer builds (gcc or clang) and fuzzing builds (Debian's clang-14 and libfuzzer-14-dev):
#   -DSHOAL_SANITIZE=address,undefined  every Shoal target built and linked with those sanitizers
#   -DSHOAL_SANITIZE=thread             ThreadSanitizer (alone: it cannot be combined with address)
#   -DSHOAL_FUZZ=ON                     Shoal's code gets libFuzzer's coverage; tests/fuzz is built
# The presets asan-ubsan and tsan (CMakePresets.json) set them; scripts/sanitize.sh runs the tests.
# Set at the root before any target, so the flags reach every Shoal target. Debian's libtorrent stays
# uninstrumented: ASan still sees its heap (malloc is intercepted), only its own bugs go unnoticed.
set(SHOAL_SANITIZE "" CACHE STRING "Sanitizers for every Shoal target, e.g. address,undefined (clang or gcc)")
option(SHOAL_FUZZ "Build the libFuzzer targets in tests/fuzz (clang only)" OFF)

if(SHOAL_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "SHOAL_FUZZ needs clang (libFuzzer): configure with CXX=clang++")
  endif()
  # Coverage callbacks in code built with fuzzer-no-link are resolved by a sanitizer runtime in every
  # executable that is not a fuzz target (shoal, the tests); without one they would not link.
  if(NOT SHOAL_SANITIZE)
    message(STATUS "SHOAL_FUZZ: no SHOAL_SANITIZE given, using address,undefined")
    set(SHOAL_SANITIZE "address,undefined" CACHE STRING "" FORCE)
  endif()
endif()

if(SHOAL_SANITIZE)
  message(STATUS "Sanitizers: ${SHOAL_SANITIZE}")
  string(REPLACE "," ";" shoal_sanitizers "${SHOAL_SANITIZE}")
  if("thread" IN_LIST shoal_sanitizers AND ("address" IN_LIST shoal_sanitizers OR "leak" IN_LIST shoal_sanitizers))
    message(FATAL_ERROR "SHOAL_SANITIZE: thread cannot be combined with address or leak")
  endif()
  if("thread" IN_LIST shoal_sanitizers AND SHOAL_FUZZ)
    message(FATAL_ERROR "SHOAL_FUZZ needs address,undefined, not thread")
  endif()
  add_compile_options(-fsanitize=${SHOAL_SANITIZE} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${SHOAL_SANITIZE})
  if("thread" IN_LIST shoal_sanitizers)
    # Debian's libtorrent (built with _FORTIFY_SOURCE) leaves its SIGBUS handler (a write to a memory-mapped
    # file on a full disk) with siglongjmp compiled as __longjmp_chk, which clang 14's TSan does not
    # intercept: the thread then stays "in a signal handler" for TSan, which reports each of its later
    # allocations as a signal-unsafe call. As an alias of siglongjmp (TSan's interceptor, in every
    # executable), the jump is seen and the thread leaves the handler. Same check, less the fortify one.
    add_link_options(LINKER:--defsym=__longjmp_chk=siglongjmp)
  endif()
  if(SHOAL_SANITIZE MATCHES "undefined")
    # Undefined behaviour is a failure, not a line in the log that a test or a fuzzer run would miss.
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
endif()

if(SHOAL_FUZZ)
  # Coverage for libFuzzer in Shoal's own code; only the fuzz targets link libFuzzer itself
  # (-fsanitize=fuzzer, tests/fuzz/CMakeLists.txt), so `shoal` keeps its own main().
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
