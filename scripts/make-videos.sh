#!/bin/sh
# Build the video lessons of the content from their scripts.
# Usage: scripts/make-videos.sh [CONTENT_DIR [MEDIA_DIR]]
#   (defaults: content and data/media)
# Each CONTENT_DIR/media/NAME.lecon gives MEDIA_DIR/NAME.webm (VP8 video,
# Opus sound) and MEDIA_DIR/NAME.vtt (WebVTT captions). A .lecon file is a
# list of slides separated by "===" lines: a "# Title" line, the slide
# text, and "> " lines with what the voice says. The captions are the
# narration lines, timed from the length of each spoken slide.
# The other files of CONTENT_DIR/media (images) are copied as they are.
# A video newer than its script is kept, so a second run is instant.
# Needs: ImageMagick (convert), espeak-ng, ffmpeg (with ffprobe).
set -eu

content=${1:-content}
media=${2:-data/media}
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
bold=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf

for tool in convert espeak-ng ffmpeg ffprobe; do
	if ! command -v "$tool" > /dev/null 2>&1; then
		echo "make-videos : l'outil « $tool » manque. Lancez scripts/install-deps.sh." >&2
		exit 1
	fi
done
mkdir -p "$media"

# Copy the images and ready-made media files.
for f in "$content"/media/*; do
	[ -f "$f" ] || continue
	case "$f" in *.lecon) continue ;; esac
	cp -p "$f" "$media/"
done

# Print a time in seconds as a WebVTT timestamp: HH:MM:SS.mmm
vtt_time() {
	awk -v t="$1" 'BEGIN { ms = int(t * 1000 + 0.5); printf "%02d:%02d:%02d.%03d", ms / 3600000, (ms / 60000) % 60, (ms / 1000) % 60, ms % 1000 }'
}

make_video() {
	script=$1
	name=$(basename "$script" .lecon)
	out="$media/$name.webm"
	if [ -f "$out" ] && [ -f "$media/$name.vtt" ] && [ "$out" -nt "$script" ]; then
		return 0
	fi
	work=$(mktemp -d)
	# Split the script into slide files: N.title, N.text, N.say
	awk -v dir="$work" '
		BEGIN { n = 1 }
		/^===/ { n++; next }
		/^# / { print substr($0, 3) > (dir "/" n ".title"); next }
		/^> / { print substr($0, 3) > (dir "/" n ".say"); next }
		{ print > (dir "/" n ".text") }
		END { print n > (dir "/count") }
	' "$script"
	count=$(cat "$work/count")
	start=0
	printf 'WEBVTT\n\n' > "$work/captions.vtt"
	: > "$work/images.txt"
	: > "$work/sounds.txt"
	i=1
	while [ "$i" -le "$count" ]; do
		touch "$work/$i.title" "$work/$i.text" "$work/$i.say"
		# The text is passed inline: Debian's ImageMagick policy forbids
		# reading "@file" arguments.
		convert -size 640x360 xc:'#fffbeb' \
			\( -size 600x70 -background none -fill '#1e3a8a' -font "$bold" -gravity center caption:"$(cat "$work/$i.title")" \) \
			-gravity north -geometry +0+30 -composite \
			\( -size 580x220 -background none -fill '#111827' -font "$font" -pointsize 30 -gravity center caption:"$(cat "$work/$i.text")" \) \
			-gravity north -geometry +0+120 -composite "$work/$i.png"
		espeak-ng -v fr -s 150 -w "$work/$i.wav" -f "$work/$i.say"
		length=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$work/$i.wav")
		length=$(awk -v l="$length" 'BEGIN { printf "%.3f", l + 0.6 }')
		# One cue per narration line, sharing the slide time by length.
		awk -v start="$start" -v length_s="$length" '
			{ line[NR] = $0; total += length($0) }
			END {
				t = start
				for (k = 1; k <= NR; k++) {
					d = length_s * length(line[k]) / total
					printf "%.3f %.3f %s\n", t, t + d, line[k]
					t += d
				}
			}' "$work/$i.say" > "$work/$i.cues"
		while read -r from to text; do
			printf '%s --> %s\n%s\n\n' "$(vtt_time "$from")" "$(vtt_time "$to")" "$text" >> "$work/captions.vtt"
		done < "$work/$i.cues"
		printf "file '%s'\nduration %s\n" "$work/$i.png" "$length" >> "$work/images.txt"
		# Pad each sound with the same 0.6 s of silence as the slide.
		ffmpeg -v error -y -i "$work/$i.wav" -af apad=pad_dur=0.6 "$work/$i.pad.wav"
		printf "file '%s'\n" "$work/$i.pad.wav" >> "$work/sounds.txt"
		start=$(awk -v s="$start" -v l="$length" 'BEGIN { printf "%.3f", s + l }')
		i=$((i + 1))
	done
	# The concat demuxer needs the last image twice to honour its duration.
	printf "file '%s'\n" "$work/$count.png" >> "$work/images.txt"
	ffmpeg -v error -y -f concat -safe 0 -i "$work/images.txt" -f concat -safe 0 -i "$work/sounds.txt" \
		-c:v libvpx -deadline realtime -cpu-used 8 -b:v 300k -r 10 -pix_fmt yuv420p \
		-c:a libopus -b:a 48k -shortest "$work/$name.webm"
	mv "$work/$name.webm" "$out"
	mv "$work/captions.vtt" "$media/$name.vtt"
	rm -rf "$work"
	echo "Vidéo fabriquée : $out"
}

for script in "$content"/media/*.lecon; do
	[ -f "$script" ] || continue
	make_video "$script"
done
