# Warning and sanitizer flags shared by every naskah target (naskah_options).
add_library(naskah_options INTERFACE)
target_compile_options(naskah_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(NASKAH_WERROR)
  target_compile_options(naskah_options INTERFACE -Werror)
endif()
if(NASKAH_SANITIZE)
  # GCC's maybe-uninitialized analysis gives false alarms on std::variant and std::string
  # under the sanitizers' instrumentation; the optimised build keeps the warning.
  target_compile_options(naskah_options INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
    -Wno-maybe-uninitialized)
  target_link_options(naskah_options INTERFACE -fsanitize=address,undefined)
endif()

# Adds the sanitizer build's default settings (sanitizer_defaults.cc) to an executable.
function(naskah_sanitizer_defaults target)
  if(NASKAH_SANITIZE)
    target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/cmake/sanitizer_defaults.cc)
  endif()
endfunction()
