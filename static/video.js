// Video progress: report the time ranges the player has really played
// (video.played), so the server counts only the seconds watched. Sent
// every 10 seconds of playback, on pause, at the end and when leaving.
(function () {
	"use strict";
	var video = document.querySelector("video[data-progress-url]");
	if (!video || !video.dataset.progressUrl) return;
	var lastSent = 0;

	function ranges() {
		var parts = [];
		for (var i = 0; i < video.played.length; i++)
			parts.push(video.played.start(i).toFixed(2) + "-" + video.played.end(i).toFixed(2));
		return parts.join(",");
	}

	function send(useBeacon) {
		var played = ranges();
		if (!played || !isFinite(video.duration)) return;
		var body = new URLSearchParams();
		body.set("csrf", video.dataset.csrf);
		body.set("video", video.dataset.videoId);
		body.set("played", played);
		body.set("duration", video.duration.toFixed(2));
		if (useBeacon && navigator.sendBeacon) {
			navigator.sendBeacon(video.dataset.progressUrl, body);
			return;
		}
		fetch(video.dataset.progressUrl, { method: "POST", body: body, credentials: "same-origin" })
			.then(function (r) { return r.ok ? r.json() : null; })
			.then(function (p) { if (p) video.dataset.percent = p.percent; })
			.catch(function () { /* the next report carries the same ranges */ });
	}

	video.addEventListener("timeupdate", function () {
		if (video.currentTime - lastSent >= 10 || video.currentTime < lastSent) {
			lastSent = video.currentTime;
			send(false);
		}
	});
	video.addEventListener("pause", function () { send(false); });
	video.addEventListener("ended", function () { send(false); });
	window.addEventListener("pagehide", function () { send(true); });
})();
