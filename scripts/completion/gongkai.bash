# bash completion for gongkai-query and gongkai-index (installed by cmake
# --install as share/bash-completion/completions/gongkai-query and
# .../gongkai-index).  Options come from each program's --help; field names,
# figures, facets and categories from `gongkai-query --fields`, so that
# they follow the data files.

# The long options of program's --help.
_gongkai_options()
{
    "$1" --help 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u
}

# The first column of one part of `gongkai-query --fields` (Fields, Figures,
# Facets, Sections, Categories); with "all", every name in the part.
_gongkai_names()
{
    local prog=$1 part=$2 all=${3:-}
    "$prog" --fields 2>/dev/null | awk -v part="$part" -v all="$all" '
        /^[A-Z]/ { on = index($0, part) == 1; next }
        /^$/ { on = 0; next }
        on && /^  [^ ]/ {
            if (all == "") { print $1; next }
            for (i = 1; i <= NF; i++) if ($i != "·" && $i != "values:") print $i
        }'
}

_gongkai_query()
{
    local cur prev prog=${COMP_WORDS[0]}
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    case $prev in
        -d|--db) mapfile -t COMPREPLY < <(compgen -d -- "$cur"); return ;;
        --batch|--show) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
        --by) mapfile -t COMPREPLY < <(compgen -W "section report" -- "$cur"); return ;;
        --format) mapfile -t COMPREPLY < <(compgen -W "csv tsv json xlsx" -- "$cur"); return ;;
        -o|--output) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
        --sort)
            mapfile -t COMPREPLY < <(compgen -W "year relevance $(_gongkai_names "$prog" Figures)" -- "${cur#-}")
            [ "${cur:0:1}" = - ] && COMPREPLY=("${COMPREPLY[@]/#/-}")
            return ;;
        --sum|--avg)
            mapfile -t COMPREPLY < <(compgen -W "$(_gongkai_names "$prog" Figures)" -- "$cur")
            return ;;
        --facet)
            local done=${cur%"${cur##*,}"}
            mapfile -t COMPREPLY < <(compgen -P "$done" -W "$(_gongkai_names "$prog" Facets)" -- "${cur##*,}")
            compopt -o nospace 2>/dev/null
            return ;;
        -n|--limit|--offset) return ;;
    esac
    case $cur in
        --color=*|--colour=*)
            mapfile -t COMPREPLY < <(compgen -P "${cur%%=*}=" -W "always never auto" -- "${cur#*=}")
            return ;;
        -*)
            mapfile -t COMPREPLY < <(compgen -W "$(_gongkai_options "$prog")" -- "$cur")
            return ;;
        *:*)
            local field=${cur%%:*}
            case $field in
                section|章节|部分) mapfile -t COMPREPLY < <(compgen -P "$field:" -W "$(_gongkai_names "$prog" Sections)" -- "${cur#*:}") ;;
                category|问题|类别|问题类别) mapfile -t COMPREPLY < <(compgen -P "$field:" -W "$(_gongkai_names "$prog" Categories)" -- "${cur#*:}") ;;
            esac
            return ;;
    esac
    # a field name, ready for its value
    mapfile -t COMPREPLY < <(compgen -S : -W "$(_gongkai_names "$prog" Fields all; _gongkai_names "$prog" Figures all)" -- "$cur")
    compopt -o nospace 2>/dev/null
}

_gongkai_index()
{
    local cur prev prog=${COMP_WORDS[0]}
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    case $prev in
        -d|--db) mapfile -t COMPREPLY < <(compgen -d -- "$cur"); return ;;
        -j|--jobs|--max-size|--commit-every) return ;;
    esac
    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_gongkai_options "$prog")" -- "$cur")
    else
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
}

complete -F _gongkai_query gongkai-query
complete -o filenames -F _gongkai_index gongkai-index
