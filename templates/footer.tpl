{{%AUTOESCAPE context="HTML"}}
</main>
<footer class="foot">
  <p>Money in rupees (&#8377;, Indian grouping). ROAS = revenue / spend. Spend is allocated by orders share when a brand, product or campaign filter is set.</p>
</footer>
</body>
</html>
