// Sanitizer settings built into every naskah executable of the sanitizer build, so that
// `ctest`, the README's test command and a developer running a binary by hand all get the
// same: every finding is fatal, leaks included, but for those of third-party libraries.
// (Variables such as ASAN_OPTIONS still override these.)

extern "C" const char* __asan_default_options() { return "detect_leaks=1:abort_on_error=1"; }

extern "C" const char* __ubsan_default_options() {
  return "print_stacktrace=1:halt_on_error=1";
}

// Poppler's font lookup leaves fontconfig's pattern cache allocated at exit (PDFs that
// name fonts they do not embed, such as the qpdf and pdf.js test files).
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
