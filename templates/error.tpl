{{%AUTOESCAPE context="HTML"}}
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{STATUS}} {{TITLE}} · Influencer ROI</title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<header class="top"><a class="brand" href="/">Influencer ROI</a></header>
<main>
<section class="error" role="alert">
  <h1>{{TITLE}} <span class="status">({{STATUS}})</span></h1>
  <p>{{MESSAGE}}</p>
  <p><a href="/">Back to the dashboard</a></p>
</section>
</main>
</body>
</html>
