{{%AUTOESCAPE context="HTML"}}
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · Influencer ROI</title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<header class="top"><span class="brand">Influencer ROI</span></header>
<main>
<h1>Sign in</h1>
{{#FAILED}}<section class="error" role="alert"><p><strong>{{MESSAGE}}</strong></p></section>{{/FAILED}}
<form method="post" action="/login" class="signin">
  <input type="hidden" name="next" value="{{NEXT}}">
  <p><label for="user">User name</label><br><input id="user" name="user" autocomplete="username" autocapitalize="none" spellcheck="false" required value="{{USER}}"></p>
  <p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
  <p><button type="submit">Sign in</button></p>
</form>
</main>
</body>
</html>
