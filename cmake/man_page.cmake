# Writes naskah(1) from the real command-line help, so the manual cannot drift from the
# program: `naskah --help`, then `naskah CMD --help` for every sub-command it lists (and
# for the sub-commands of those, e.g. `user add`). Run at build time:
#   cmake -DNASKAH=path/to/naskah -DVERSION=0.1.0 -DOUT=naskah.1.gz -P man_page.cmake
# CLI11 prints each option as "  NAMES TYPE   description" with the description at column
# 30, or on the next line when the names are longer; that is all this script relies on.
# The options every command shares are listed once, under OPTIONS.

cmake_minimum_required(VERSION 3.25)
foreach(v NASKAH VERSION OUT)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "man_page.cmake: -D${v}=... is required")
  endif()
endforeach()

# CMake lists split at ';' and do not split inside [...]; the help text has both, so they are
# swapped for control characters while the text is handled as a list of lines.
string(ASCII 1 k_semicolon)
string(ASCII 2 k_open)
string(ASCII 3 k_close)

# Runs `naskah ARGS --help`; sets OUT_VAR to its lines as a list. Fails the build on error.
function(help_lines out_var)
  execute_process(COMMAND "${NASKAH}" ${ARGN} --help
                  RESULT_VARIABLE rc OUTPUT_VARIABLE text ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "`naskah ${ARGN} --help` failed (${rc}): ${err}")
  endif()
  string(REPLACE ";" "${k_semicolon}" text "${text}")
  string(REPLACE "[" "${k_open}" text "${text}")
  string(REPLACE "]" "${k_close}" text "${text}")
  string(REPLACE "\n" ";" text "${text}")
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

# Text for roff: backslashes and hyphens escaped, the placeholders put back. A line starting
# with '.' or '\'' would be read as a request, so \& guards it.
function(roff out_var text)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  string(REPLACE "${k_semicolon}" ";" text "${text}")
  string(REPLACE "${k_open}" "[" text "${text}")
  string(REPLACE "${k_close}" "]" text "${text}")
  if(text MATCHES "^[.']")
    set(text "\\&${text}")
  endif()
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

# Parses CLI11 help lines. Sets, in the caller:
#   <prefix>_about     the first line (what the command does)
#   <prefix>_usage     the Usage: line without "Usage: "
#   <prefix>_entries   indices 0..n-1 of the option/positional entries, each with
#   <prefix>_spec_<i>, <prefix>_desc_<i>, <prefix>_section_<i> (Options, Positionals,
#                      Subcommands)
macro(parse_help prefix lines)
  set(${prefix}_about "")
  set(${prefix}_usage "")
  set(${prefix}_entries "")
  set(_section "")
  set(_n 0)
  foreach(_line IN LISTS ${lines})
    if(_line MATCHES "^Usage: (.*)$")
      set(${prefix}_usage "${CMAKE_MATCH_1}")
    elseif(_line MATCHES "^([A-Za-z]+):$")
      set(_section "${CMAKE_MATCH_1}")
    elseif(_line STREQUAL "")
    elseif(_section STREQUAL "" AND ${prefix}_about STREQUAL "")
      set(${prefix}_about "${_line}")
    elseif(_line MATCHES "^   +([^ ].*)$" AND _n GREATER 0)
      # More description of the last entry (entries themselves are indented by two).
      math(EXPR _last "${_n} - 1")
      string(STRIP "${${prefix}_desc_${_last}} ${CMAKE_MATCH_1}" ${prefix}_desc_${_last})
    elseif(_line MATCHES "^  ([^ ]+( [^ ]+)*)(  +(.*))?$")
      set(${prefix}_spec_${_n} "${CMAKE_MATCH_1}")
      set(${prefix}_desc_${_n} "${CMAKE_MATCH_4}")
      set(${prefix}_section_${_n} "${_section}")
      list(APPEND ${prefix}_entries ${_n})
      math(EXPR _n "${_n} + 1")
    endif()
  endforeach()
endmacro()

# The first word of an entry: "-h,--help" of "-h,--help", "--workers" of "--workers INT".
function(entry_key out_var spec)
  string(REGEX REPLACE " .*" "" key "${spec}")
  set(${out_var} "${key}" PARENT_SCOPE)
endfunction()

# One .TP paragraph: names in bold, their type in italics (positionals: the name in italics).
function(roff_entry out_var spec desc section)
  # (REGEX MATCH, not REPLACE: REPLACE applies "^..." again to what is left.)
  string(REGEX MATCH "^([^ ]+) ?(.*)$" unused "${spec}")
  set(names "${CMAKE_MATCH_1}")
  set(type "${CMAKE_MATCH_2}")
  roff(names "${names}")
  roff(type "${type}")
  roff(desc "${desc}")
  if(section STREQUAL "Positionals")
    set(head "\\fI${names}\\fR")
  else()
    string(REPLACE "," "\\fR, \\fB" names "${names}")
    set(head "\\fB${names}\\fR")
  endif()
  if(NOT type STREQUAL "")
    string(APPEND head " \\fI${type}\\fR")
  endif()
  set(${out_var} ".TP\n${head}\n${desc}\n" PARENT_SCOPE)
endfunction()

# The section of one command: usage, what it does, its own options (the shared ones are left
# out), then the same for each of its sub-commands.
function(roff_command out_var)
  help_lines(lines ${ARGN})
  parse_help(cmd lines)
  roff(usage "${cmd_usage}")
  roff(about "${cmd_about}")
  set(text ".SS \"${usage}\"\n${about}\n")
  set(children "")
  foreach(i IN LISTS cmd_entries)
    entry_key(key "${cmd_spec_${i}}")
    if(cmd_section_${i} STREQUAL "Subcommands")
      list(APPEND children "${key}")
    elseif(NOT key IN_LIST g_shared_keys)
      roff_entry(entry "${cmd_spec_${i}}" "${cmd_desc_${i}}" "${cmd_section_${i}}")
      string(APPEND text "${entry}")
    endif()
  endforeach()
  foreach(child IN LISTS children)
    roff_command(child_text ${ARGN} ${child})
    string(APPEND text "${child_text}")
  endforeach()
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

help_lines(top_lines)
parse_help(top top_lines)
if(top_about STREQUAL "" OR top_entries STREQUAL "")
  message(FATAL_ERROR "man_page.cmake: `naskah --help` printed nothing usable")
endif()

# The options of `naskah` itself are shared by every sub-command (plus -h,--help).
set(g_shared_keys "")
set(options "")
set(commands "")
foreach(i IN LISTS top_entries)
  entry_key(key "${top_spec_${i}}")
  if(top_section_${i} STREQUAL "Subcommands")
    roff_command(command_text ${key})
    string(APPEND commands "${command_text}")
  else()
    list(APPEND g_shared_keys "${key}")
    roff_entry(entry "${top_spec_${i}}" "${top_desc_${i}}" "${top_section_${i}}")
    string(APPEND options "${entry}")
  endif()
endforeach()

# The date honours SOURCE_DATE_EPOCH, so a package build can be reproducible.
string(TIMESTAMP date "%Y-%m-%d" UTC)
roff(about "${top_about}")
string(REGEX REPLACE "^naskah: " "" about "${about}")
file(WRITE "${OUT}.tmp" [=[.\" Generated by cmake/man_page.cmake from `naskah --help`; do not edit.
]=] ".TH NASKAH 1 \"${date}\" \"naskah ${VERSION}\" \"User Commands\"\n" [=[
.SH NAME
naskah \- ]=] "${about}\n" [=[
.SH SYNOPSIS
.B naskah
[\fIOPTIONS\fR] \fICOMMAND\fR [\fICOMMAND OPTIONS\fR] [\fIARGUMENTS\fR]
.SH DESCRIPTION
.B naskah
turns scanned cooperation agreements (MoU / Nota Kesepahaman, PKS / Perjanjian Kerja Sama,
their addenda) into a searchable, monitored archive. It reads the text of PDF, TIFF, PNG and
JPEG files (the PDF text layer, else Tesseract OCR), reads the agreement in it (type,
parties, numbers, dates, period, amounts), keeps the original in the data folder and
indexes it with Xapian. It serves the archive as a web application, watches inbox folders
as a daemon, and reports what expires soon.
.PP
Settings come from, in this order: the command line, \fBNASKAH_*\fR environment variables,
the settings file (\fB\-\-config\fR), the built-in defaults.
\fBnaskah config show\fR prints every setting in force and where it came from.
.SH OPTIONS
These options are accepted by every command.
]=] "${options}" [=[
.SH COMMANDS
]=] "${commands}" [=[
.SH EXIT STATUS
.TP
.B 0
success
.TP
.B 1
any other failure
.TP
.B 2
usage error: bad flags or settings
.TP
.B 3
the input was refused (damaged, encrypted, unsupported, too large, timed out); with
\fB\-\-json\fR the reason is printed as {"error": {"code": ..., "message": ...}}
.SH ENVIRONMENT
.TP
.B NASKAH_*
any setting, named by its key in capitals with dots as underscores, e.g.
\fBNASKAH_LIMITS_MAX_PAGES\fR
.TP
.B NASKAH_OCR_PLUGIN
the OCR plugin to load instead of \fI../lib/naskah/libnaskah_ocr.so\fR beside the binary
.SH FILES
.TP
.I /etc/naskah/naskah.toml
the settings of the Debian package's services (\fIdata_dir\fR = /var/lib/naskah)
.TP
.I /usr/share/doc/naskah/naskah.example.toml
every setting with its default, explained
.TP
.I /var/lib/naskah
the data folder of the services: \fIinbox/\fR, \fIarchive/\fR, \fIfailed/\fR, \fIindex/\fR,
\fIusers.json\fR. Removing or purging the package leaves it alone.
.TP
.I /lib/systemd/system/naskah\-watch.service, naskah\-serve.service
the inbox watcher and the web application, run as the user \fBnaskah\fR
.SH SEE ALSO
.BR tesseract (1),
.BR xapian\-compact (1),
.BR systemctl (1)
]=])

# -n leaves the name and time out of the gzip header: the same page gives the same bytes.
execute_process(COMMAND gzip -9n -c "${OUT}.tmp" OUTPUT_FILE "${OUT}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip failed: ${rc}")
endif()
file(REMOVE "${OUT}.tmp")
