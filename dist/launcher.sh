#!/bin/sh
# @AGENT@ (vaultsync @VERSION@): starts the agent's JVM with the settings scripts/bench.sh chose.
#   @AGENT@ COMMAND [OPTIONS...]        (@AGENT@ --help lists the commands)
# Built by Maven from dist/launcher.sh. It finds @AGENT@.jar next to its own folder (target/ after a build,
# lib/ in the distribution archive) and Java in JAVA_HOME, else on PATH. Then it:
# - gives `run` (the daemon) the memory settings of the systemd units: peak RSS under 200 MB on a 100k-file
#   vault (a bounded heap, the serial GC, C1 only: C2's compiling alone pushed it past 250 MB);
# - gives every other command a short-lived JVM's settings and a class-data archive (AppCDS) of the classes
#   each command loads, made by itself after the first command, made again after each command it had not
#   seen (from the class lists of all of them), and reused. It lives in ${XDG_CACHE_HOME:-~/.cache}/vaultsync/,
#   named after the jar (path, size, modification time) and the Java runtime, so a new jar or Java gets a new
#   one. A cache that cannot be written only means no archive;
# - sets a UTF-8 character type when the locale has none, so that file names are UTF-8 (without it the agent
#   would start itself a second time under C.UTF-8);
# - starts the main class from the jar as a class path (-cp), not with -jar: -jar opens the jar once more only to
#   read its manifest (15k entries to index, about 15 ms of every command);
# - replaces itself with java (exec): signals, exit code and pid are the JVM's own.
# Environment: JAVA_HOME; VAULTSYNC_JAVA_OPTS (more JVM flags, after the launcher's, so they win);
# VAULTSYNC_CDS=off (no class-data archive, neither used nor made).
agent='@AGENT@'
me=${0##*/}

fail() { printf '%s: %s\n' "$me" "$*" >&2; exit 127; }

# the jar: resolve symlinks to this script (an `ln -s /opt/vaultsync/bin/@AGENT@ /usr/local/bin/`)
self=$0
while [ -h "$self" ]; do
  link=$(readlink "$self")
  case $link in /*) self=$link ;; *) self=${self%/*}/$link ;; esac
done
case $self in */*) bin=${self%/*} ;; *) bin=. ;; esac
base=$(cd "$bin/.." && pwd -P) || fail "cannot find the folder of $0"
if [ -f "$base/lib/$agent.jar" ]; then jar=$base/lib/$agent.jar
elif [ -f "$base/$agent.jar" ]; then jar=$base/$agent.jar
else fail "no $agent.jar in $base/lib or $base (build it with: mvn -B -q package -DskipTests)"
fi

# Java: JAVA_HOME, else PATH (whether it is 17 or newer is checked below, except when an archive made by this very
# runtime shows it was checked already)
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java=$JAVA_HOME/bin/java
else java=$(command -v java) || fail "no java: install Java 17 or newer, or set JAVA_HOME"
fi
# Java 17 or newer, read from the runtime's release file (no JVM started for it)
check_java() {
  [ -z "${java_checked:-}" ] || return 0
  java_checked=1
  java_real=$(readlink -f "$java" 2>/dev/null) || java_real=$java
  java_home=${java_real%/bin/java}
  if [ -f "$java_home/release" ]; then
    feature=$(sed -n 's/^JAVA_VERSION="\{0,1\}\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$java_home/release")
    if [ -n "$feature" ] && [ "$feature" -lt 17 ]; then fail "$java is Java $feature; the agent needs 17 or newer (set JAVA_HOME)"; fi
  fi
}

# UTF-8 file names: Java takes their encoding from the character type of the locale (LC_ALL, LC_CTYPE, LANG)
is_utf8() { case $1 in *[Uu][Tt][Ff]-8* | *[Uu][Tt][Ff]8*) return 0 ;; *) return 1 ;; esac; }
if ! is_utf8 "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}"; then
  if [ -n "${LC_ALL:-}" ]; then LC_ALL=C.UTF-8; export LC_ALL; else LC_CTYPE=C.UTF-8; export LC_CTYPE; fi
fi
# glibc's per-thread malloc arenas add tens of MB of RSS to a JVM for nothing here
MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}; export MALLOC_ARENA_MAX

# the command: the first word that is not an option (nor the value of a global option that takes one); and
# whether the call only asks for help or the version (too few classes to make an archive from)
command=''
takes_value=''
trivial=''
for arg in "$@"; do
  if [ -n "$takes_value" ]; then takes_value=''; continue; fi
  case $arg in
    --help | -h | --version | -V) trivial=1 ;;
    --log-file | --log-format | --log-max-size | --log-max-history | --log-total-cap) [ -z "$command" ] && takes_value=1 ;;
    -*) ;;
    *) [ -z "$command" ] && command=$arg ;;
  esac
done
case $command in '' | help | completion) trivial=1 ;; esac

set -- -cp "$jar" '@MAIN@' "$@"
set -f # VAULTSYNC_JAVA_OPTS is a list of flags, split on blanks (as JAVA_OPTS is), never globbed
# shellcheck disable=SC2086
set -- ${VAULTSYNC_JAVA_OPTS:-} "$@"
set +f

if [ "$command" = run ]; then
  check_java
  # the daemon: the settings that keep its peak RSS under 200 MB (scripts/bench.sh); no class-data archive
  # (it starts once, and a mapped archive would count in its RSS)
  exec "$java" -Xms16m -Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m \
    -XX:MaxMetaspaceSize=64m -Xss512k "$@"
fi

# where: a file-name part naming the jar by its path, made in the shell (no process): '/' becomes '_'; a path
# too long for a file name is named by its checksum instead.
name_jar() {
  rest=$jar named=''
  while :; do
    case $rest in
      */*) named=$named${rest%%/*}_; rest=${rest#*/} ;;
      *) named=$named$rest; break ;;
    esac
  done
  if [ ${#named} -le 160 ]; then where=$named; else where=$(printf '%s\n' "$jar" | cksum | tr ' ' -); fi
}

# Makes the class-data archive after the command (this pid, once exec'd) has ended, from the class lists of
# every command run so far (this one's written by the JVM as it ran, kept in $lists under the command's name):
# so the archive holds what each command loads, not only what the first one did. A static archive
# (-Xshare:dump) rather than a dynamic one, because the dynamic one of Java 17 leaves out picocli (old class
# files) and was slower. Written under a temporary name, checked by a JVM that must map it (-Xshare:on), and
# only then renamed into place (a JVM mapping the one before keeps it); a failure is remembered (.failed) and
# not retried for this jar.
make_archive() {
  while kill -0 "$1" 2>/dev/null; do sleep 0.2 2>/dev/null || sleep 1; done
  if [ -s "$making/classes" ] && mkdir -p "$lists" && mv -f "$making/classes" "$lists/$name" \
    && cat "$lists"/* | awk '!seen[$0]++' > "$making/all" \
    && nice "$java" -XX:+UseSerialGC -Xshare:dump -XX:SharedClassListFile="$making/all" \
      -XX:SharedArchiveFile="$making/archive.jsa" -cp "$jar" \
    && "$java" $short_lived -Xshare:on \
      -XX:SharedArchiveFile="$making/archive.jsa" -cp "$jar" -version \
    && mv -f "$making/archive.jsa" "$archive"; then
    for old in "$cache/$agent-$where-$java_stamp-"*.jsa "$cache/$agent-$where-$java_stamp-"*.lists; do
      [ "$old" = "$archive" ] || [ "$old" = "$lists" ] || rm -rf "$old"
    done
  elif [ -s "$lists/$name" ]; then
    : > "$archive.failed"
  fi
  rm -rf "$making"
}

# one C1 compiler thread for a short-lived command: with two, a 0.6 s status spent 0.28 s of CPU compiling on
# a 2-core machine. Not when VAULTSYNC_JAVA_OPTS choose the compilers (C2 needs two threads: the JVM would refuse
# to start).
case " ${VAULTSYNC_JAVA_OPTS:-} " in
  *TieredStopAtLevel* | *TieredCompilation* | *CICompilerCount*) one_compiler='' ;;
  *) one_compiler='-XX:CICompilerCount=1' ;;
esac
# transparent huge pages for a short-lived command's memory where the kernel gives them only to a process that asks
# (madvise; the default of many distributions): a 10k-file status touches some 40 MB of new heap, and 4 kB pages
# cost it 60-140 ms of page faults and TLB misses (its peak RSS goes from 97 to 120 MB). Not under "never", where
# the JVM would warn on every command, nor under "always", where it has them already; not for the daemon, whose
# RSS they would raise.
thp=''
if [ -r /sys/kernel/mm/transparent_hugepage/enabled ] && read -r thp_mode < /sys/kernel/mm/transparent_hugepage/enabled; then
  case $thp_mode in *'[madvise]'*) thp=-XX:+UseTransparentHugePages ;; esac
fi
# a short-lived command's JVM: C1 only, the serial GC, no perf-data file in /tmp (split on blanks where used)
short_lived="-XX:TieredStopAtLevel=1 $one_compiler -XX:+UseSerialGC -XX:-UsePerfData $thp"

# Takes the right to make the archive (one launcher at a time: the mkdir of .making); a launcher killed while it
# waited leaves its .making behind, taken back after 10 minutes.
take_making() {
  find "$cache" -maxdepth 1 -name "$agent-*.making" -mmin +10 -exec rm -rf {} + 2>/dev/null
  mkdir "$making" 2>/dev/null
}

# a short-lived command: the class-data archive when there is one; the command's class list when the archive
# has not seen the command yet, to make it (again) with. The way to an archive that has seen the command costs
# one `stat` and no other process, since every command pays for it.
if [ "${VAULTSYNC_CDS:-on}" != off ]; then
  cache=${XDG_CACHE_HOME:-${HOME:+$HOME/.cache}}
  cache=${cache:+$cache/vaultsync}
  # the archive is named after the jar (its path; device, inode, size, modification time) and the runtime
  # (the java binary's device, inode, size and modification time: a new or updated runtime is a new binary)
  stamp=$(stat -L -c '%d.%i.%s.%Y' "$jar" "$java" 2>/dev/null \
    || stat -L -f '%d.%i.%z.%m' "$jar" "$java" 2>/dev/null) || stamp=''
  name_jar
  if [ -n "$cache" ] && [ -n "$stamp" ] && [ -n "$where" ]; then
    # shellcheck disable=SC2086
    set -f; set -- $stamp "$@"; set +f
    jar_stamp=$1 java_stamp=$2; shift 2
    archive=$cache/$agent-$where-$java_stamp-$jar_stamp.jsa
    lists=$cache/$agent-$where-$java_stamp-$jar_stamp.lists
    making=$archive.making
    # the command's name, as its class list is kept (a name of letters and dashes only: anything else is not one)
    case $command in '' | *[!a-z-]*) name='' ;; *) name=$command ;; esac
    if [ -f "$archive" ]; then
      # -Xlog:cds=off: an archive the runtime refuses is not used, and no warning mixes into the output
      # shellcheck disable=SC2086
      set -- $short_lived -Xlog:cds=off "-XX:SharedArchiveFile=$archive" "$@"
      # a command the archive has seen (or help, or after a failure to make one): as it is
      if [ -n "$trivial" ] || [ -z "$name" ] || [ -f "$lists/$name" ] || [ -e "$archive.failed" ]; then
        exec "$java" "$@"
      fi
      # a command it has not seen: its classes are listed as it runs, and the archive made again with them
      # (unless another launcher is making it: then next time)
      if take_making; then
        (make_archive $$ </dev/null >/dev/null 2>&1 &)
        exec "$java" "-XX:DumpLoadedClassList=$making/classes" "$@"
      fi
      exec "$java" "$@"
    fi
    check_java
    if [ -z "$trivial" ] && [ -n "$name" ] && [ ! -e "$archive.failed" ] && mkdir -p "$cache" 2>/dev/null; then
      if take_making; then
        set -- "-XX:DumpLoadedClassList=$making/classes" "$@"
        (make_archive $$ </dev/null >/dev/null 2>&1 &)
      fi
    fi
  fi
fi
check_java
# shellcheck disable=SC2086
exec "$java" $short_lived "$@"
